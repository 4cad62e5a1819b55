package com.ecommerce.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.DownstreamException;
import com.ecommerce.shared.http.ServiceUnavailableException;

/**
 * The order flow: customer, reservation, payment, then completed (commit) or failed (release); and cancellation.
 * <p>
 * Every status change is guarded by the status it starts from, so of the flow, a cancel and the recovery job exactly
 * one wins each change. The loser never undoes the winner's work; it only gives back what it did itself in the
 * meantime (a reservation taken after a cancel released, a payment completed after a cancel or after recovery gave
 * up), and it writes that debt into the order first, so not even a crash can lose it.
 */
@Component
class OrderSaga {

	private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

	private static final Set<OrderStatus> PENDING = Set.of(OrderStatus.pending);

	private static final Set<OrderStatus> PROCESSING = Set.of(OrderStatus.processing);

	private final OrderRepository orders;

	private final Customers customers;

	private final Inventory inventory;

	private final Payments payments;

	private final OrderFollowUps followUps;

	private final OrderMetrics metrics;

	OrderSaga(OrderRepository orders, Customers customers, Inventory inventory, Payments payments,
			OrderFollowUps followUps, OrderMetrics metrics) {
		this.orders = orders;
		this.customers = customers;
		this.inventory = inventory;
		this.payments = payments;
		this.followUps = followUps;
		this.metrics = metrics;
	}

	/**
	 * Runs a pending order to its end. Returns it completed, failed (declined) or cancelled (a cancel won), or still
	 * processing when payment-service's answer was lost and it can't say yet (the recovery job settles it then).
	 * @throws ApiException 404 for an unknown customer or product, 409 when stock is short, 503 when a service is
	 * down; the order is failed first, and whatever it reserved released
	 */
	Order run(Order order) {
		try {
			this.customers.require(order.customerId());
		}
		catch (DownstreamException | ServiceUnavailableException ex) {
			throw failBeforePaying(order, "customer", ex, List.of());
		}
		Inventory.Reservation reservation;
		try {
			reservation = this.inventory.reserve(order);
		}
		catch (DownstreamException ex) {
			throw failBeforePaying(order, "product", ex, List.of());
		}
		catch (ServiceUnavailableException ex) {
			// The reserve may have been done before its answer was lost: give back whatever there is.
			throw failBeforePaying(order, "product", ex,
					ex.mayHaveBeenProcessed() ? List.of(FollowUp.release) : List.of());
		}
		long amount = Math.multiplyExact(reservation.unitPrice(), order.quantity());
		Map<String, Object> priced = Map.of(Order.UNIT_PRICE, reservation.unitPrice(), Order.AMOUNT, amount);
		Optional<Order> processing = this.orders.transition(order.orderId(), PENDING, OrderStatus.processing, priced,
				List.of(),
				TimelineEntry.of(TimelineEntry.RESERVED, OrderStatus.pending,
						order.quantity() + " × " + reservation.unitPrice() + " cents"),
				TimelineEntry.of(TimelineEntry.PAYMENT_REQUESTED, OrderStatus.processing, amount + " cents"));
		if (processing.isEmpty()) {
			return lost(order.orderId(), FollowUp.release, Map.of(), "stock reserved after the order was closed");
		}
		return pay(processing.get());
	}

	/**
	 * Cancels an open order: it is cancelled, its stock released and any completed payment refunded.
	 * @throws ApiException 404 when there is no such order, 409 {@code INVALID_STATE} when it is already final
	 */
	Order cancel(String orderId, String reason) {
		Map<String, Object> update = Map.of(Order.CANCELLATION_REASON, reason, Order.CANCELLED_AT, Times.now());
		Order cancelled = this.orders
			.transition(orderId, OrderStatus.OPEN, OrderStatus.cancelled, update,
					List.of(FollowUp.release, FollowUp.refund),
					TimelineEntry.of(TimelineEntry.CANCELLED, OrderStatus.cancelled, reason))
			.orElseThrow(() -> notCancellable(orderId));
		this.metrics.ended(OrderStatus.cancelled);
		this.followUps.perform(cancelled);
		return cancelled;
	}

	/** The recovery job's verdict on an open order left behind, from what payment-service knows of it. */
	Order recover(Order order, List<Payments.Payment> made) {
		return settleBy(order, made, OrderStatus.OPEN, "recovered: ")
			.orElseGet(() -> fail(order, "not_paid_in_time", List.of(FollowUp.release), OrderStatus.OPEN,
					"recovered: no payment was made for the order in time"));
	}

	private Order pay(Order order) {
		if (order.amount() == 0) {
			return complete(order, null, PROCESSING, "nothing to pay");
		}
		try {
			Payments.Payment payment = this.payments.charge(order);
			return complete(order, payment, PROCESSING, "payment " + payment.paymentId());
		}
		catch (DownstreamException ex) {
			if (ex.code() == ErrorCode.PAYMENT_DECLINED) {
				return decline(order, detailOf(ex, "paymentId"), detailOf(ex, "transactionId"), PROCESSING,
						ex.getMessage());
			}
			if (ex.code() == ErrorCode.IDEMPOTENCY_IN_PROGRESS) {
				return settleFromPayments(order, ex.getMessage()); // a charge for this order is still under way
			}
			return fail(order, "payment_rejected", List.of(FollowUp.release), PROCESSING, ex.getMessage());
		}
		catch (ServiceUnavailableException ex) {
			if (!ex.mayHaveBeenProcessed()) {
				// The charge never reached payment-service: nothing can have been paid.
				fail(order, "payment_service_unavailable", List.of(FollowUp.release), PROCESSING, ex.getMessage());
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
			Optional<Order> settled = settleBy(order, this.payments.forOrder(order.orderId()), PROCESSING, "");
			if (settled.isPresent()) {
				return settled.get();
			}
		}
		catch (ServiceUnavailableException ex) {
			log.warn("Order {}: payment-service can't tell the payment's outcome yet: {}", order.orderId(),
					ex.getMessage());
		}
		this.orders.note(order.orderId(), TimelineEntry.of(TimelineEntry.PAYMENT_UNKNOWN, OrderStatus.processing,
				why + "; the recovery job settles the order"));
		return current(order.orderId());
	}

	/** Completes the order by its completed payment, or fails it by a declined one; empty when it has neither. */
	private Optional<Order> settleBy(Order order, List<Payments.Payment> made, Set<OrderStatus> from, String why) {
		Optional<Payments.Payment> completed = made.stream().filter(Payments.Payment::completed).findFirst();
		if (completed.isPresent()) {
			return Optional.of(complete(order, completed.get(), from,
					why + "payment " + completed.get().paymentId() + " completed"));
		}
		return made.stream()
			.filter(Payments.Payment::failed)
			.findFirst()
			.map((declined) -> decline(order, declined.paymentId(), declined.transactionId(), from,
					why + "payment " + declined.paymentId() + " declined"));
	}

	private Order complete(Order order, Payments.Payment payment, Set<OrderStatus> from, String detail) {
		Map<String, Object> update = (payment != null)
				? Map.of(Order.PAYMENT_ID, payment.paymentId(), Order.TRANSACTION_ID, payment.transactionId()) : Map.of();
		Optional<Order> completed = this.orders.transition(order.orderId(), from, OrderStatus.completed, update,
				List.of(FollowUp.commit), TimelineEntry.of(TimelineEntry.PAYMENT_COMPLETED, order.orderStatus(), detail),
				TimelineEntry.of(TimelineEntry.COMPLETED, OrderStatus.completed, null));
		if (completed.isEmpty()) {
			if (payment == null) {
				return current(order.orderId());
			}
			return lost(order.orderId(), FollowUp.refund, update,
					"payment " + payment.paymentId() + " completed after the order was closed");
		}
		this.metrics.ended(OrderStatus.completed);
		this.followUps.perform(completed.get());
		return completed.get();
	}

	private Order decline(Order order, String paymentId, String transactionId, Set<OrderStatus> from,
			String detail) {
		Map<String, Object> update = new HashMap<>(Map.of(Order.FAILURE_REASON, "payment_declined"));
		if (paymentId != null) {
			update.put(Order.PAYMENT_ID, paymentId);
		}
		if (transactionId != null) {
			update.put(Order.TRANSACTION_ID, transactionId);
		}
		return finishFailed(order.orderId(), from, update, List.of(FollowUp.release),
				TimelineEntry.of(TimelineEntry.PAYMENT_DECLINED, OrderStatus.failed, detail));
	}

	private Order fail(Order order, String reason, List<FollowUp> owed, Set<OrderStatus> from, String detail) {
		return finishFailed(order.orderId(), from, Map.of(Order.FAILURE_REASON, reason), owed,
				TimelineEntry.of(TimelineEntry.FAILED, OrderStatus.failed, reason + ": " + detail));
	}

	private Order finishFailed(String orderId, Set<OrderStatus> from, Map<String, Object> update, List<FollowUp> owed,
			TimelineEntry entry) {
		Optional<Order> failed = this.orders.transition(orderId, from, OrderStatus.failed, update, owed, entry);
		if (failed.isEmpty()) {
			// Closed by someone else; a reservation this flow may hold is still its own to give back.
			return owed.contains(FollowUp.release) ? lost(orderId, FollowUp.release, Map.of(), "closed meanwhile")
					: current(orderId);
		}
		this.metrics.ended(OrderStatus.failed);
		this.followUps.perform(failed.get());
		return failed.get();
	}

	/**
	 * Fails the order for what the customer or product step met (a refusal, an outage) and gives the caller the
	 * error to answer, with the order's id in its details.
	 */
	private ApiException failBeforePaying(Order order, String step, ApiException cause, List<FollowUp> owed) {
		String reason = switch (cause.code()) {
			case NOT_FOUND -> step + "_not_found";
			case INSUFFICIENT_STOCK -> "insufficient_stock";
			case SERVICE_UNAVAILABLE -> "service_unavailable";
			default -> "rejected";
		};
		fail(order, reason, owed, PENDING, cause.getMessage());
		if (cause instanceof ServiceUnavailableException) {
			return cause;
		}
		Map<String, Object> details = new HashMap<>((cause.details() != null) ? cause.details() : Map.of());
		details.put("orderId", order.orderId());
		return new ApiException(cause.code(), cause.getMessage(), details);
	}

	/**
	 * This flow lost a status change to a cancel or to the recovery job. If the order ended cancelled or failed, what
	 * the flow did in the meantime is its own to undo: write that down first, then do it.
	 */
	private Order lost(String orderId, FollowUp owed, Map<String, Object> change, String detail) {
		Order now = current(orderId);
		if (now.orderStatus() == OrderStatus.completed) {
			return now; // the recovery job completed it with this very payment
		}
		Order owing = this.orders
			.owe(orderId, owed, change, TimelineEntry.of(TimelineEntry.COMPENSATION_OWED, now.orderStatus(), detail))
			.orElse(now);
		log.info("Order {} was {} while its flow ran; the flow owes {}", orderId, now.orderStatus(), owed);
		this.followUps.perform(owing);
		return current(orderId);
	}

	private Order current(String orderId) {
		return this.orders.findById(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	private ApiException notCancellable(String orderId) {
		Order order = current(orderId);
		return new ApiException(ErrorCode.INVALID_STATE, "Order " + orderId + " is " + order.orderStatus()
				+ "; only pending or processing orders can be cancelled", Map.of("orderStatus", order.orderStatus()));
	}

	/** A field of the declined payment that payment-service sends in the 402's details. */
	private static String detailOf(DownstreamException declined, String field) {
		Object value = (declined.details() != null) ? declined.details().get(field) : null;
		return (value != null) ? value.toString() : null;
	}

}
