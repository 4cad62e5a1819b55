package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.order.client.PaymentClient;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.web.RequestIds;

/**
 * Drives orders left behind to an end: an order still open after the time-out (its instance crashed, an answer was
 * lost) is completed or failed by what payment-service knows of its payment; a refund left under way is finished; an
 * order that still owes a follow-up (a service was down) gets it done. Each order is claimed first, so several
 * instances can run this job at once.
 */
@Component
class OrderRecovery {

	private static final Logger log = LoggerFactory.getLogger(OrderRecovery.class);

	private static final ThreadFactory WORKERS = Thread.ofVirtual().name("order-recovery-", 0).factory();

	private final OrderRepository orderRepository;

	private final OrderSaga saga;

	private final OrderRefunds refunds;

	private final OrderFollowUps followUps;

	private final PaymentClient paymentClient;

	private final OrderMetrics metrics;

	private final OrderProperties.Recovery settings;

	private final SagaSpans spans;

	OrderRecovery(OrderRepository orderRepository, OrderSaga saga, OrderRefunds refunds, OrderFollowUps followUps,
			PaymentClient paymentClient, OrderMetrics metrics, SagaSpans spans, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.spans = spans;
		this.saga = saga;
		this.refunds = refunds;
		this.followUps = followUps;
		this.paymentClient = paymentClient;
		this.metrics = metrics;
		this.settings = properties.recovery();
	}

	@Scheduled(fixedDelayString = "${order.recovery.interval:5s}", initialDelayString = "${order.recovery.interval:5s}")
	void run() {
		int handled = recoverDue();
		if (handled > 0) {
			log.info("Recovery handled {} orders", handled);
		}
	}

	/**
	 * One pass: {@code parallelism} workers each claim a due order and handle it, then the next, until none is due or
	 * the pass has taken a batch; returns how many orders it handled once all workers are done.
	 */
	int recoverDue() {
		Instant now = Times.now();
		AtomicInteger taken = new AtomicInteger();
		AtomicInteger handled = new AtomicInteger();
		try (ExecutorService workers = Executors.newThreadPerTaskExecutor(WORKERS)) {
			for (int i = 0; i < this.settings.parallelism(); i++) {
				workers.submit(() -> {
					while (taken.getAndIncrement() < this.settings.batchSize()) {
						Optional<Order> claimed = claim(now);
						if (claimed.isEmpty()) {
							return;
						}
						handled.incrementAndGet();
						// A trace per recovered order (the calls it makes are its children); a pass that finds
						// nothing due, every few seconds, leaves none.
						this.spans.step(SagaSpans.RECOVERY, claimed.get(), () -> recover(claimed.get()));
					}
				});
			}
		}
		return handled.get();
	}

	/** The next due order, claimed; empty when there is none, or when MongoDB can't say (the next pass tries again). */
	private Optional<Order> claim(Instant now) {
		try {
			return this.orderRepository.claimStale(now, Times.now().plus(this.settings.claim()));
		}
		catch (RuntimeException ex) {
			log.warn("Recovery could not look for due orders: {}", ex.toString());
			return Optional.empty();
		}
	}

	private void recover(Order order) {
		// Each recovered order gets a request id of its own, so its downstream calls and log lines can be followed.
		MDC.put(RequestIds.MDC_KEY, RequestIds.generate());
		boolean failing = false;
		try {
			// Not recoverable only when it was settled, or left to an operator, the instant before it was claimed.
			if (order.recoverable()) {
				failing = switch (order.orderStatus()) {
					case pending, processing -> settle(order);
					case refunding -> this.refunds.recover(order);
					default -> this.followUps.perform(order);
				};
			}
		}
		catch (ServiceUnavailableException | DataAccessException ex) {
			log.warn("Could not recover order {} during an outage: {}", order.orderId(), ex.toString());
			failing = (ex instanceof ServiceUnavailableException unavailable) && !unavailable.outage();
		}
		catch (RuntimeException ex) {
			log.warn("Could not recover order {} yet: {}", order.orderId(), ex.toString());
			failing = true;
		}
		finally {
			letGo(order, failing);
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/**
	 * The order is free again. Settled, that's all; still unsettled, it waits a back-off before the next attempt, so
	 * it can't take the pass from the other due orders. An attempt that failed by itself counts, and after the last
	 * one the order is left to an operator; one held back by an outage doesn't count (when the service is back, the
	 * order goes on by itself): it waits without the back-off growing.
	 */
	private void letGo(Order claimed, boolean failing) {
		try {
			Order now = this.orderRepository.findById(claimed.orderId()).orElse(claimed);
			if (!now.recoverable()) {
				this.orderRepository.unclaim(claimed);
				return;
			}
			// The next attempt: after the back-off, and not before the time-out has run from the order's last move
			// (which this attempt may have made), as for any order.
			Instant timedOut = now.updatedAt().plus(this.settings.timeout());
			if (!failing) {
				this.orderRepository.postpone(claimed,
						Times.latest(Times.now().plus(this.settings.backOff(claimed.attempts())), timedOut));
				return;
			}
			int attempts = claimed.attempts() + 1;
			boolean givingUp = attempts >= this.settings.maxAttempts();
			Instant nextAttempt = Times.latest(Times.now().plus(this.settings.backOff(attempts)), timedOut);
			this.orderRepository.retryLater(claimed, nextAttempt, givingUp);
			if (givingUp) {
				this.orderRepository.apply(now.note(TimelineEntry.NEEDS_ATTENTION,
						"recovery gave up after " + attempts + " attempts; an operator must look at it"));
				this.metrics.needsAttention();
				log.error("Order {} is {} and owes {} after {} recovery attempts: it needs an operator", now.orderId(),
						now.orderStatus(), now.owed(), attempts);
			}
		}
		catch (RuntimeException ex) {
			// MongoDB down, most likely: the claim runs out by itself.
			log.warn("Could not let go of order {}: {}", claimed.orderId(), ex.toString());
		}
	}

	/** Completes or fails an open order by its payments; true when payment-service failed by itself (a 500) to say. */
	private boolean settle(Order order) {
		List<PaymentClient.Payment> made;
		try {
			made = this.paymentClient.forOrder(order.orderId());
		}
		catch (ServiceUnavailableException ex) {
			log.warn("Order {} is {} past its time-out, but payment-service can't say what was paid; retried later",
					order.orderId(), order.orderStatus());
			return !ex.outage();
		}
		Duration open = Duration.between(order.updatedAt(), Times.now());
		this.orderRepository.apply(order.note(TimelineEntry.RECOVERED,
				"untouched for " + open.toSeconds() + " s; payment-service knows " + made.size() + " payment(s)"));
		Order settled = this.saga.recover(order, made);
		if (!settled.orderStatus().isOpen()) {
			this.metrics.recovered();
		}
		log.info("Recovered order {}: {}", order.orderId(), settled.orderStatus());
		return false; // settled, or progress: what it still owes is tried again like any follow-up
	}

}
