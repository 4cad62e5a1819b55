package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.ecommerce.order.client.PaymentClient;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.DownstreamException;
import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.idempotency.KeyBinding;

/**
 * Refunds of completed orders, a saga step of their own. {@code completed → refunding} first: one guarded write that
 * also owes the stock back when the refund asks so, so of two refunds only one proceeds and a crash loses nothing.
 * Then the payment is refunded at payment-service (idempotent per payment: a repeat refunds nothing more), the order
 * moves {@code refunding → refunded}, and the stock goes back (the {@code restock} follow-up, once per order at
 * product-service). An order left refunding (a crash, payment-service down) is due for the recovery job, which
 * finishes the refund the same way. Refunded is the money back; the stock follows as a completed order's commit does.
 */
@Component
class OrderRefunds {

	private static final Logger log = LoggerFactory.getLogger(OrderRefunds.class);

	private static final Duration POLL = Duration.ofMillis(25);

	private final OrderRepository orderRepository;

	private final PaymentClient paymentClient;

	private final OrderFollowUps followUps;

	private final OrderMetrics metrics;

	private final Duration wait;

	OrderRefunds(OrderRepository orderRepository, PaymentClient paymentClient, OrderFollowUps followUps,
			OrderMetrics metrics, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.paymentClient = paymentClient;
		this.followUps = followUps;
		this.metrics = metrics;
		this.wait = properties.replayWait();
	}

	/**
	 * Refunds the completed order, returning its stock when {@code restock}; the key is bound to the order once the
	 * refund has begun. An order whose refund another request began (or finished) is answered as that refund leaves it,
	 * after waiting up to the replay wait for it to end: a repeat never refunds twice. Returns it refunded, or still
	 * refunding when payment-service can't be asked now (the recovery job finishes it) or refused (an operator's).
	 * @throws ApiException 404 for an unknown order, 409 {@code INVALID_STATE} for one that is not completed
	 */
	Order refund(String orderId, boolean restock, String requestedBy, KeyBinding binding) {
		Order order = current(orderId);
		if (order.orderStatus() == OrderStatus.completed) {
			Optional<Order> refunding = this.orderRepository.apply(order.refunding(restock, detail(restock, requestedBy)));
			if (refunding.isPresent()) {
				// A repeat that took the key over meanwhile would find the refund under way: nothing is done twice.
				binding.bind(orderId);
				return finish(refunding.get());
			}
			order = current(orderId); // another refund began first
		}
		if (order.orderStatus() != OrderStatus.refunding && order.orderStatus() != OrderStatus.refunded) {
			throw order.notRefundable();
		}
		binding.bind(orderId);
		return whenRefunded(order);
	}

	/**
	 * The recovery job's turn on an order left refunding: refund its payment, move it to refunded and do what it owes.
	 * Returns true when a follow-up failed by itself (a 500), as {@link OrderFollowUps#perform} does.
	 * @throws ServiceUnavailableException when payment-service can't be asked now: the order waits for the next attempt
	 */
	boolean recover(Order refunding) {
		Duration open = Duration.between(refunding.updatedAt(), Times.now());
		this.orderRepository.apply(refunding.note(TimelineEntry.RECOVERED,
				"refund under way for " + open.toSeconds() + " s; the recovery job finishes it"));
		Optional<Order> refunded = refundPayment(refunding);
		refunded.ifPresent((order) -> this.metrics.recovered());
		return refunded.map(this.followUps::perform).orElse(false);
	}

	private Order finish(Order refunding) {
		try {
			Optional<Order> refunded = refundPayment(refunding);
			if (refunded.isEmpty()) {
				return current(refunding.orderId());
			}
			this.followUps.perform(refunded.get());
			return refunded.get();
		}
		catch (ServiceUnavailableException | DataAccessException ex) {
			// The refund is written down as under way, whether or not the money is back yet: the recovery job
			// finishes it after the time-out.
			log.warn("Order {}: the refund can't be finished now; the recovery job finishes it: {}",
					refunding.orderId(), ex.toString());
			return refunding;
		}
	}

	/**
	 * Refunds the order's payment (none when nothing was paid) and moves it to refunded. Empty when that can't be
	 * done: payment-service refused the refund (the order is left to an operator), asked to retry, or someone else
	 * moved the order on first.
	 */
	private Optional<Order> refundPayment(Order refunding) {
		String detail = "nothing was paid";
		if (refunding.paymentId() != null) {
			try {
				PaymentClient.Payment payment = this.paymentClient.refund(refunding.paymentId());
				if (!payment.refunded()) {
					leaveToOperator(refunding, "payment " + payment.paymentId() + " is " + payment.status()
							+ " after its refund");
					return Optional.empty();
				}
				detail = "payment " + payment.paymentId() + " refunded";
			}
			catch (DownstreamException ex) {
				if (ex.code() == ErrorCode.CONFLICT) {
					// "Changing too fast; retry": asked again later, it passes.
					log.warn("Order {}: payment-service asks to retry the refund: {}", refunding.orderId(),
							ex.getMessage());
					return Optional.empty();
				}
				leaveToOperator(refunding, "refund of payment " + refunding.paymentId() + " refused: " + ex.getMessage());
				return Optional.empty();
			}
		}
		Optional<Order> refunded = this.orderRepository.apply(refunding.refunded(detail));
		refunded.ifPresent(this.metrics::ended);
		return refunded;
	}

	/** A refusal asking again won't change: the order stays refunding, for an operator to look at. */
	private void leaveToOperator(Order refunding, String why) {
		this.orderRepository
			.leaveToOperator(refunding, TimelineEntry.of(TimelineEntry.NEEDS_ATTENTION, refunding.orderStatus(), why))
			.ifPresent((order) -> {
				this.metrics.needsAttention();
				log.error("Order {} is refunding and can't go on ({}): it needs an operator", order.orderId(), why);
			});
	}

	/** The order once its refund has ended, or as it is when the wait is over (still refunding). */
	private Order whenRefunded(Order order) {
		Instant deadline = Instant.now().plus(this.wait);
		while (order.orderStatus() == OrderStatus.refunding && !Boolean.TRUE.equals(order.needsAttention())
				&& Instant.now().isBefore(deadline)) {
			LockSupport.parkNanos(POLL.toNanos());
			order = current(order.orderId());
		}
		return order;
	}

	private Order current(String orderId) {
		return this.orderRepository.findById(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	private static String detail(boolean restock, String requestedBy) {
		String stock = restock ? "the stock goes back" : "the stock is kept";
		return (requestedBy != null) ? "requested by " + requestedBy + "; " + stock : stock;
	}

}
