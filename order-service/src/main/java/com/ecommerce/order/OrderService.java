package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Fingerprints;
import com.ecommerce.shared.Ids;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.idempotency.Idempotent;
import com.ecommerce.shared.idempotency.IdempotentRequests;
import com.ecommerce.shared.idempotency.KeyBinding;
import com.ecommerce.shared.web.PageQuery;

/**
 * Placing, reading, cancelling and refunding orders. Placing persists the order as pending, then runs the saga. Orders of one
 * customer run side by side, as a cart checked out as several orders does: nothing they share needs a lock (stock is
 * guarded per product, a charge per order). A double submission is what the idempotency key is for: it binds the
 * order to its request, and a repeat gets the same order.
 */
@Service
class OrderService {

	private static final String IDEMPOTENCY_SCOPE = "order";

	private static final String REFUND_SCOPE = "order-refund";

	private static final Duration REPLAY_POLL = Duration.ofMillis(25);

	private final OrderRepository orderRepository;

	private final OrderSaga saga;

	private final OrderRefunds refunds;

	private final IdempotentRequests idempotentRequests;

	private final OrderMetrics metrics;

	private final Duration replayWait;

	private final Duration recoveryTimeout;

	OrderService(OrderRepository orderRepository, OrderSaga saga, OrderRefunds refunds,
			IdempotentRequests idempotentRequests, OrderMetrics metrics, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.saga = saga;
		this.refunds = refunds;
		this.idempotentRequests = idempotentRequests;
		this.metrics = metrics;
		this.replayWait = properties.replayWait();
		this.recoveryTimeout = properties.recovery().timeout();
	}

	/**
	 * Places the order and runs it to its end. With an idempotency key, the key is bound to the order as soon as it is
	 * stored, so a repeat answers with that order (once it is final, or after a short wait as it stands).
	 */
	Idempotent<Order> place(NewOrder request, String idempotencyKey) {
		if (idempotencyKey == null) {
			return new Idempotent<>(placeOnce(request, (orderId) -> true), false);
		}
		return this.idempotentRequests.run(IDEMPOTENCY_SCOPE, idempotencyKey, request.fingerprint(),
				(binding) -> placeOnce(request, binding), this::whenFinal);
	}

	Order get(String orderId) {
		return this.orderRepository.findById(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	List<TimelineEntry> timeline(String orderId) {
		return get(orderId).timeline();
	}

	Page<Order> list(OrderFilter filter, PageQuery paging) {
		return this.orderRepository.findMatching(filter, paging);
	}

	/** The orders the recovery job gave up on, for an operator. */
	Page<Order> needingAttention(PageQuery paging) {
		return this.orderRepository.findNeedingAttention(paging);
	}

	/** An operator's "try again" on an order the recovery job gave up on: its next pass takes it up afresh. */
	Order recoverAgain(String orderId) {
		return this.orderRepository.recoverAgain(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	Order cancel(String orderId, String reason) {
		return this.saga.cancel(orderId, reason);
	}

	/**
	 * Refunds a completed order, and gives its stock back when {@code restock}; a refund begun or made before is
	 * answered as it stands, never made twice. With an idempotency key, a repeat answers the order the key refunded
	 * (replayed), and the key with another body is a 422. {@code requestedBy} (the caller) goes into the timeline.
	 */
	Idempotent<Order> refund(String orderId, boolean restock, String requestedBy, String idempotencyKey) {
		get(orderId); // an unknown order is a 404 before anything is written, the key included
		if (idempotencyKey == null) {
			return new Idempotent<>(this.refunds.refund(orderId, restock, requestedBy, (refunded) -> true), false);
		}
		return this.idempotentRequests.run(REFUND_SCOPE, idempotencyKey,
				Fingerprints.sha256(orderId, String.valueOf(restock)),
				(binding) -> this.refunds.refund(orderId, restock, requestedBy, binding), this::get);
	}

	private Order placeOnce(NewOrder request, KeyBinding binding) {
		Order order = this.orderRepository.insert(Order.place(Ids.order(), request, this.recoveryTimeout));
		if (!binding.bind(order.orderId())) {
			this.orderRepository.apply(order.failBeforeReserving(FailureReason.superseded,
					"a repeat under the same idempotency key took the key over and places the order"));
			throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
					"A repeat of this request is placing the order; retry shortly to get it");
		}
		this.metrics.created();
		long started = System.nanoTime();
		try {
			return this.saga.run(order);
		}
		catch (ServiceUnavailableException ex) {
			// Nothing happened but a failed order: the key must not replay that failure for 24 h.
			if (this.orderRepository.findById(order.orderId()).filter(Order::failedWithoutEffect).isPresent()) {
				binding.forget();
			}
			throw ex;
		}
		finally {
			this.metrics.placed(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/** The order a key placed, once it is final or the replay wait is over. */
	private Order whenFinal(String orderId) {
		Order order = get(orderId);
		Instant deadline = Instant.now().plus(this.replayWait);
		while (order.orderStatus().isOpen() && Instant.now().isBefore(deadline)) {
			LockSupport.parkNanos(REPLAY_POLL.toNanos());
			order = get(orderId);
		}
		return order;
	}

}
