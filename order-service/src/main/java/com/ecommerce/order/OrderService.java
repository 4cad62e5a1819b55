package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.idempotency.Idempotent;
import com.ecommerce.shared.idempotency.IdempotentRequests;
import com.ecommerce.shared.idempotency.KeyBinding;
import com.ecommerce.shared.lock.Locks;
import com.ecommerce.shared.web.PageQuery;

/**
 * Placing, reading and cancelling orders. Placing takes the customer's lock (one order of a customer at a time stops
 * double submissions racing; stock never depends on it), persists the order as pending, then runs the saga. An
 * idempotency key binds the order to its request: a repeat gets the same order.
 */
@Service
class OrderService {

	private static final String IDEMPOTENCY_SCOPE = "order";

	private static final Duration REPLAY_POLL = Duration.ofMillis(25);

	private final OrderRepository orderRepository;

	private final OrderSaga saga;

	private final IdempotentRequests idempotentRequests;

	private final Locks locks;

	private final OrderMetrics metrics;

	private final Duration replayWait;

	OrderService(OrderRepository orderRepository, OrderSaga saga, IdempotentRequests idempotentRequests, Locks locks,
			OrderMetrics metrics, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.saga = saga;
		this.idempotentRequests = idempotentRequests;
		this.locks = locks;
		this.metrics = metrics;
		this.replayWait = properties.replayWait();
	}

	/**
	 * Places the order and runs it to its end. With an idempotency key, the key is bound to the order as soon as it is
	 * stored, so a repeat answers with that order (once it is final, or after a short wait as it stands).
	 */
	Idempotent<Order> place(NewOrder request, String idempotencyKey) {
		if (idempotencyKey == null) {
			return new Idempotent<>(placeLocked(request, (orderId) -> true), false);
		}
		return this.idempotentRequests.run(IDEMPOTENCY_SCOPE, idempotencyKey, request.fingerprint(),
				(binding) -> placeLocked(request, binding), this::whenFinal);
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

	private Order placeLocked(NewOrder request, KeyBinding binding) {
		return this.locks.withLock("lock:order:customer:" + request.customerId(),
				"An order for customer " + request.customerId() + " is already being placed; retry shortly", () -> {
					Order order = this.orderRepository.insert(Order.place(Ids.order(), request));
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
				});
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
