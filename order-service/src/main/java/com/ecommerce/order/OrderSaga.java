package com.ecommerce.order;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.ecommerce.order.OrderChange.Fields;
import com.ecommerce.order.client.CustomerClient;
import com.ecommerce.order.client.PaymentClient;
import com.ecommerce.order.client.ProductClient;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.http.DownstreamException;
import com.ecommerce.shared.http.ServiceCredentials;
import com.ecommerce.shared.http.ServiceUnavailableException;

/**
 * The order flow — customer, reservation, payment, then completed (commit) or failed (release) — and its
 * cancellation and recovery. Each step asks another service, then applies the move {@link Order} computes for the
 * answer; the moves are guarded by the status they start from, so of the flow, a cancel and the recovery job exactly
 * one wins each. The loser never undoes the winner's work; it gives back only what it did itself in the meantime (a
 * reservation taken after a cancel, a payment completed after a cancel or after recovery gave up), and writes that
 * debt into the order first, so not even a crash can lose it.
 */
@Component
class OrderSaga {

	private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

	private final OrderRepository orderRepository;

	private final CustomerClient customerClient;

	private final ProductClient productClient;

	private final PaymentClient paymentClient;

	private final OrderFollowUps followUps;

	private final OrderMetrics metrics;

	private final ServiceCredentials credentials;

	private final Duration chargeTimeout;

	private final SagaSpans spans;

	OrderSaga(OrderRepository orderRepository, CustomerClient customerClient, ProductClient productClient,
			PaymentClient paymentClient, OrderFollowUps followUps, OrderMetrics metrics,
			ServiceCredentials credentials, SagaSpans spans, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.spans = spans;
		this.credentials = credentials;
		this.customerClient = customerClient;
		this.productClient = productClient;
		this.paymentClient = paymentClient;
		this.followUps = followUps;
		this.metrics = metrics;
		this.chargeTimeout = properties.recovery().chargeTimeout();
	}

	/**
	 * Runs a pending order to its end. Returns it completed, failed (declined) or cancelled (a cancel won), or still
	 * processing when payment-service's answer was lost and it can't say yet (the recovery job settles it then).
	 * @throws ApiException 404 for an unknown customer or product, 409 when stock is short, 400 naming
	 * {@code quantity} when the order would cost more than any payment can be, 503 when a service is down; the order
	 * is failed first, and whatever it reserved released
	 */
	Order run(Order order) {
		try {
			// A token that outlives the whole flow, so that a release after a failed charge is never refused for
			// want of one should auth-service go down in between.
			this.credentials.requireValidFor(this.chargeTimeout);
			this.customerClient.require(order.customerId());
		}
		catch (DownstreamException | ServiceUnavailableException ex) {
			return failBeforePaying(order, FailureReason.customer_not_found, ex, false);
		}
		ProductClient.Reservation reservation;
		try {
			reservation = this.spans.step(SagaSpans.RESERVE, order, () -> this.productClient.reserve(order.productId(),
					new ProductClient.StockRequest(order.orderId(), order.quantity())));
		}
		catch (DownstreamException ex) {
			// Refused; but an earlier attempt of the call may have reserved before its answer was lost.
			return failBeforePaying(order, FailureReason.product_not_found, ex, ex.mayHaveBeenProcessed());
		}
		catch (ServiceUnavailableException ex) {
			// The reserve may have been done before its answer was lost: give back whatever there is.
			return failBeforePaying(order, FailureReason.product_not_found, ex, ex.mayHaveBeenProcessed());
		}
		if (order.amountAt(reservation.unitPrice()).isEmpty()) {
			// product-service refuses to reserve for more than any payment can be, before it takes stock; should a
			// reservation at such a price be answered all the same, it is given back before the order is refused.
			return failBeforePaying(order, FailureReason.product_not_found, order.unpayableAt(reservation.unitPrice()),
					true);
		}
		Optional<Order> processing = this.orderRepository
			.apply(order.reserved(reservation.unitPrice(), Times.now().plus(this.chargeTimeout)));
		if (processing.isEmpty()) {
			return compensate(order.orderId(),
					new Compensation(FollowUp.release, Fields.NONE, "stock reserved after the order was closed"));
		}
		return pay(processing.get());
	}

	/**
	 * Cancels an open order: it is cancelled, its stock released and any completed payment refunded.
	 * @throws ApiException 404 when there is no such order, 409 {@code INVALID_STATE} when it is already final
	 */
	Order cancel(String orderId, String reason) {
		Order cancelled = this.orderRepository.apply(current(orderId).cancel(reason, Times.now()))
			.orElseThrow(() -> current(orderId).notCancellable());
		this.metrics.ended(cancelled);
		this.followUps.perform(cancelled);
		return cancelled;
	}

	/** The recovery job's verdict on an open order left behind, from what payment-service knows of it. */
	Order recover(Order order, List<PaymentClient.Payment> made) {
		return settleBy(order, made, "recovered: ").orElseGet(() -> end(
				order.fail(FailureReason.not_paid_in_time, "recovered: no payment was made for the order in time"),
				Compensation.RELEASE));
	}

	private Order pay(Order order) {
		if (order.amount() == 0) {
			return end(order.complete(null, null, "nothing to pay"), null);
		}
		try {
			return this.spans.step(SagaSpans.PAY, order, () -> charge(order));
		}
		catch (DataAccessException ex) {
			// The charge was sent, and what came of it can't be written: never a 503 (a client would retry and pay
			// again). The order stays processing, the answer is 202, and the recovery job settles it by what
			// payment-service knows.
			log.warn("Order {} was sent to payment-service but can't be stored yet: {}", order.orderId(),
					ex.toString());
			return order;
		}
	}

	private Order charge(Order order) {
		try {
			PaymentClient.Payment payment = this.paymentClient.charge(new PaymentClient.Charge(order.orderId(),
					order.amount(), order.paymentMethod(), order.customerId(), order.productId(), order.chargeDeadline()));
			return paid(order, payment, "payment " + payment.paymentId());
		}
		catch (DownstreamException ex) {
			return switch (ex.code()) {
				case PAYMENT_DECLINED -> end(order.decline(detailOf(ex, "paymentId"), detailOf(ex, "transactionId"),
						ex.getMessage()), Compensation.RELEASE);
				// A charge for this order is still under way: ask what became of it.
				case IDEMPOTENCY_IN_PROGRESS -> settleFromPayments(order, ex.getMessage());
				// Paid already (another request paid the order): settled by that payment, not failed.
				case CONFLICT -> (detailOf(ex, "paymentId") != null) ? settleFromPayments(order, ex.getMessage())
						: end(order.fail(FailureReason.payment_rejected, ex.getMessage()), Compensation.RELEASE);
				default -> end(order.fail(FailureReason.payment_rejected, ex.getMessage()), Compensation.RELEASE);
			};
		}
		catch (ServiceUnavailableException ex) {
			if (!ex.mayHaveBeenProcessed()) {
				// The charge never reached payment-service: nothing can have been paid.
				end(order.fail(FailureReason.payment_service_unavailable, ex.getMessage()), Compensation.RELEASE);
				throw ex;
			}
			return settleFromPayments(order, ex.getMessage());
		}
	}

	/**
	 * The charge's answer was lost, but payment-service may have completed it: ask it by order id. When it can't say,
	 * the order stays processing and the recovery job asks again after its time-out, when no charge can still be
	 * running.
	 */
	private Order settleFromPayments(Order order, String why) {
		try {
			Optional<Order> settled = settleBy(order, this.paymentClient.forOrder(order.orderId()), "");
			if (settled.isPresent()) {
				return settled.get();
			}
		}
		catch (ServiceUnavailableException ex) {
			log.warn("Order {}: payment-service can't tell the payment's outcome yet: {}", order.orderId(),
					ex.getMessage());
		}
		this.orderRepository
			.apply(order.note(TimelineEntry.PAYMENT_UNKNOWN, why + "; the recovery job settles the order"));
		return current(order.orderId());
	}

	/** Completes the order by its completed payment, or fails it by a declined one; empty when it has neither. */
	private Optional<Order> settleBy(Order order, List<PaymentClient.Payment> made, String why) {
		Optional<PaymentClient.Payment> completed = made.stream().filter(PaymentClient.Payment::completed).findFirst();
		if (completed.isPresent()) {
			return Optional.of(paid(order, completed.get(), why + "payment " + completed.get().paymentId() + " completed"));
		}
		return made.stream()
			.filter(PaymentClient.Payment::failed)
			.findFirst()
			.map((declined) -> end(order.decline(declined.paymentId(), declined.transactionId(),
					why + "payment " + declined.paymentId() + " declined"), Compensation.RELEASE));
	}

	private Order paid(Order order, PaymentClient.Payment payment, String detail) {
		if (!payment.completed()) {
			// It ended past its deadline, and payment-service refunded it: the order was not paid in time.
			return end(order.fail(FailureReason.not_paid_in_time, "payment " + payment.paymentId() + " is "
					+ payment.status() + ": it ended after its deadline"), Compensation.RELEASE);
		}
		Optional<String> mismatch = order.mismatchOf(payment.orderId(), payment.customerId(), payment.amount());
		if (mismatch.isPresent()) {
			return notSettledBy(order, payment, mismatch.get());
		}
		return end(order.complete(payment.paymentId(), payment.transactionId(), detail),
				new Compensation(FollowUp.refund, Fields.paidBy(payment.paymentId(), payment.transactionId()),
						"payment " + payment.paymentId() + " completed after the order was closed"));
	}

	/**
	 * A completed payment that is not the charge this order asked for (another amount or customer: made for the
	 * order's id by someone else) never completes it. The order stays as it is, left to an operator, who can cancel it
	 * (which gives the stock back and refunds every completed payment of the order).
	 */
	private Order notSettledBy(Order order, PaymentClient.Payment payment, String mismatch) {
		String detail = "payment " + payment.paymentId() + " does not match the order: " + mismatch;
		return this.orderRepository
			.leaveToOperator(order, TimelineEntry.of(TimelineEntry.NEEDS_ATTENTION, order.orderStatus(), detail))
			.map((left) -> {
				this.metrics.needsAttention();
				log.error("Order {}: {}; it is not completed, an operator must look at it", order.orderId(), detail);
				return left;
			})
			.orElseGet(() -> current(order.orderId()));
	}

	/**
	 * Fails the order for what the customer or product step met (a refusal, an outage; {@code notFound} is the
	 * reason when that step's resource does not exist) and throws the error to answer, with the order's id in its
	 * details; returns the order instead when someone else closed it first.
	 */
	private Order failBeforePaying(Order order, FailureReason notFound, ApiException cause, boolean stockMayBeHeld) {
		FailureReason reason = switch (cause.code()) {
			case NOT_FOUND -> notFound;
			case INSUFFICIENT_STOCK -> FailureReason.insufficient_stock;
			case SERVICE_UNAVAILABLE -> FailureReason.service_unavailable;
			default -> FailureReason.rejected;
		};
		OrderChange failure = stockMayBeHeld ? order.fail(reason, cause.getMessage())
				: order.failBeforeReserving(reason, cause.getMessage());
		Optional<Order> failed = this.orderRepository.apply(failure);
		if (failed.isEmpty()) {
			// Closed by someone else first (a cancel, after which a reserve is refused): that order is the answer,
			// and a reservation this flow may hold is its own to give back.
			return stockMayBeHeld ? compensate(order.orderId(), Compensation.RELEASE) : current(order.orderId());
		}
		this.metrics.ended(failed.get());
		this.followUps.perform(failed.get());
		if (cause instanceof ServiceUnavailableException) {
			throw cause;
		}
		Map<String, Object> details = new HashMap<>((cause.details() != null) ? cause.details() : Map.of());
		details.put("orderId", order.orderId());
		throw new ApiException(cause.code(), cause.getMessage(), details);
	}

	/**
	 * Applies a move that ends the order and does the follow-ups it owes. When someone else ended the order first,
	 * what this flow did meanwhile ({@code ifLost}) is its own to give back.
	 */
	private Order end(OrderChange move, Compensation ifLost) {
		Optional<Order> ended = this.orderRepository.apply(move);
		if (ended.isEmpty()) {
			return (ifLost != null) ? compensate(move.orderId(), ifLost) : current(move.orderId());
		}
		this.metrics.ended(ended.get());
		this.followUps.perform(ended.get());
		return ended.get();
	}

	/**
	 * This flow lost a status change. If the order ended cancelled or failed, what the flow did in the meantime is
	 * its own to undo: write that down first, then do it. Completed (the recovery job completed it with this very
	 * payment; refunded since, maybe) or still open (someone is still driving it), there is nothing to give back.
	 */
	private Order compensate(String orderId, Compensation compensation) {
		Order now = current(orderId);
		if (now.orderStatus().wasCompleted() || now.orderStatus().isOpen()) {
			return now;
		}
		Order owing = this.orderRepository
			.apply(now.owe(compensation.followUp(), compensation.fields(), compensation.detail()))
			.orElse(now);
		log.info("Order {} was {} while its flow ran; the flow owes {}", orderId, now.orderStatus(),
				compensation.followUp());
		this.followUps.perform(owing);
		return current(orderId);
	}

	private Order current(String orderId) {
		return this.orderRepository.findById(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	/** A field of the declined payment that payment-service sends in the 402's details. */
	private static String detailOf(DownstreamException declined, String field) {
		Object value = (declined.details() != null) ? declined.details().get(field) : null;
		return (value != null) ? value.toString() : null;
	}

	/** What a flow step did that it must give back if it loses the order: the follow-up, what to record, why. */
	private record Compensation(FollowUp followUp, Fields fields, String detail) {

		/** The flow's reservation, when the order was closed by someone else meanwhile. */
		static final Compensation RELEASE = new Compensation(FollowUp.release, Fields.NONE, "closed meanwhile");

	}

}
