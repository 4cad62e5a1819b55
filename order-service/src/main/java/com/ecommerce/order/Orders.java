package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.lock.Locks;
import com.ecommerce.shared.web.PageQuery;

/**
 * Placing, reading and cancelling orders. Placing takes the customer's lock (one order of a customer at a time stops
 * double submissions racing; stock never depends on it), persists the order as pending, then runs the saga. An
 * idempotency key binds the order to its request: a repeat gets the same order.
 */
@Service
class Orders {

	private static final Duration REPLAY_POLL = Duration.ofMillis(25);

	private final OrderRepository orders;

	private final OrderSaga saga;

	private final Locks locks;

	private final OrderMetrics metrics;

	private final Duration replayWait;

	Orders(OrderRepository orders, OrderSaga saga, Locks locks, OrderMetrics metrics, OrderProperties properties) {
		this.orders = orders;
		this.saga = saga;
		this.locks = locks;
		this.metrics = metrics;
		this.replayWait = properties.replayWait();
	}

	Placed place(NewOrder request, String idempotencyKey) {
		String fingerprint = request.fingerprint();
		if (idempotencyKey != null) {
			var earlier = this.orders.findByIdempotencyKey(idempotencyKey);
			if (earlier.isPresent()) {
				return replay(earlier.get(), fingerprint);
			}
		}
		try {
			return this.locks.withLock("lock:order:customer:" + request.customerId(),
					"An order for customer " + request.customerId() + " is already being placed; retry shortly",
					() -> placeLocked(request, idempotencyKey, fingerprint));
		}
		catch (ApiException ex) {
			// A repeat of a request still running holds no lock of its own: it waits for that request's order.
			if (ex.code() == ErrorCode.CONFLICT && idempotencyKey != null) {
				var earlier = this.orders.findByIdempotencyKey(idempotencyKey);
				if (earlier.isPresent()) {
					return replay(earlier.get(), fingerprint);
				}
			}
			throw ex;
		}
	}

	Order get(String orderId) {
		return this.orders.findById(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
	}

	List<TimelineEntry> timeline(String orderId) {
		return get(orderId).timeline();
	}

	List<Order> list(OrderFilter filter, PageQuery paging) {
		return this.orders.find(filter, paging);
	}

	long count(OrderFilter filter) {
		return this.orders.count(filter);
	}

	Order cancel(String orderId, String reason) {
		return this.saga.cancel(orderId, reason);
	}

	private Placed placeLocked(NewOrder request, String idempotencyKey, String fingerprint) {
		Order order = Order.pending(Ids.order(), request, idempotencyKey, fingerprint,
				TimelineEntry.of(TimelineEntry.CREATED, OrderStatus.pending, null));
		try {
			this.orders.insert(order);
		}
		catch (DuplicateKeyException ex) {
			// The same key, placed an instant ago by another instance or a repeat that didn't see it.
			return replay(this.orders.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> ex), fingerprint);
		}
		this.metrics.created();
		long started = System.nanoTime();
		try {
			return new Placed(this.saga.run(order), false);
		}
		finally {
			this.metrics.placed(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * The order a key already placed, once it is final (or after a short wait, as it stands). A key used for a
	 * different request is refused.
	 */
	private Placed replay(Order earlier, String fingerprint) {
		if (!earlier.requestHash().equals(fingerprint)) {
			throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
					"This idempotency key was used for a different order");
		}
		Order order = earlier;
		Instant deadline = Instant.now().plus(this.replayWait);
		while (order.orderStatus().isOpen() && Instant.now().isBefore(deadline)) {
			LockSupport.parkNanos(REPLAY_POLL.toNanos());
			order = get(order.orderId());
		}
		return new Placed(order, true);
	}

	/** An order and whether it is the answer to an earlier request with the same key. */
	record Placed(Order order, boolean replayed) {
	}

}
