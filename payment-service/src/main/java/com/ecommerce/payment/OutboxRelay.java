package com.ecommerce.payment;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.messaging.ConfirmedPublisher;
import com.ecommerce.shared.messaging.TransactionTopology;
import com.ecommerce.shared.web.RequestIds;

/**
 * Publishes the events waiting in the payments' outboxes. A new event goes right after its payment is written, on a
 * virtual thread (no HTTP answer waits for the broker), from the document just written: no read, no search. A sweep
 * searches every outbox: on each tick of the timer while events are known to wait (a publish failed, the broker is
 * down, or this instance has just started and may have been killed with some unpublished), otherwise every
 * {@code payment.outbox.sweep-interval} for what another instance left when it died. A publish needs no query at
 * all; a sweep is the only search across payments, and is kept rare. Each event is marked published only once the
 * broker confirmed it; one whose publish or confirm failed stays pending. Delivery is at least once: a
 * confirm lost after the broker took the message, or a sweep meeting a publish in flight, means a duplicate, which
 * the worker ignores (it is idempotent on the transaction id).
 */
@Component
class OutboxRelay implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private final PaymentRepository paymentRepository;

	private final ConfirmedPublisher publisher;

	private final JsonMapper json;

	private final OutboxTraces traces;

	private final Duration sweepInterval;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	// True from start-up until a sweep found everything published.
	private final AtomicBoolean sweepNeeded = new AtomicBoolean(true);

	// The events this instance is publishing right now: a refund's publish, or a sweep, that meets one of them leaves
	// it to the publish in flight (which marks a sweep needed should it fail) instead of sending it twice.
	private final Set<String> publishing = ConcurrentHashMap.newKeySet();

	private volatile long lastSweepNanos = System.nanoTime();

	private volatile boolean brokerWasDown;

	OutboxRelay(PaymentRepository paymentRepository, ConfirmedPublisher publisher, JsonMapper json,
			OutboxTraces traces, PaymentProperties properties) {
		this.paymentRepository = paymentRepository;
		this.publisher = publisher;
		this.json = json;
		this.traces = traces;
		this.sweepInterval = properties.outbox().sweepInterval();
	}

	/** Publishes the pending events of a payment just stored or changed, soon and off the caller's thread. */
	void publishSoon(Payment payment) {
		this.executor.execute(() -> {
			try {
				if (publishPendingOf(payment) == Outcome.BROKER_DOWN) {
					this.sweepNeeded.set(true);
				}
			}
			catch (RuntimeException ex) {
				// Most likely MongoDB is down (marking published failed); the next sweep publishes it again.
				this.sweepNeeded.set(true);
				log.warn("Outbox relay failed for {}: {}", payment.paymentId(), ex.toString());
			}
		});
	}

	@Scheduled(fixedDelayString = "${payment.outbox.relay-interval-ms:1000}", initialDelay = 1000)
	void onTimer() {
		boolean due = System.nanoTime() - this.lastSweepNanos >= this.sweepInterval.toNanos();
		if (!this.sweepNeeded.getAndSet(false) && !due) {
			return;
		}
		this.lastSweepNanos = System.nanoTime();
		try {
			if (!sweep()) {
				this.sweepNeeded.set(true);
			}
		}
		catch (RuntimeException ex) {
			this.sweepNeeded.set(true);
			// Most likely MongoDB is down; the next tick tries again.
			log.warn("Outbox relay failed: {}", ex.toString());
		}
	}

	/**
	 * Publishes batch after batch until nothing is pending; false when the broker is down. A payment whose event the
	 * broker refused stays pending and is stepped over (the next sweep tries it again), so it never holds up the
	 * events behind it: published ones leave the query, refused ones stay ahead of the rest, so skipping as many
	 * as were refused reaches the ones not tried yet.
	 */
	boolean sweep() {
		int refused = 0;
		while (true) {
			List<Payment> pending = this.paymentRepository.findPending(refused, BATCH);
			for (Payment payment : pending) {
				switch (publishPendingOf(payment)) {
					case BROKER_DOWN -> {
						return false;
					}
					case REFUSED -> refused++;
					case PUBLISHED -> {
					}
				}
			}
			if (pending.size() < BATCH) {
				return true;
			}
		}
	}

	/** What became of a payment's pending events; those confirmed are marked published whatever the rest did. */
	private Outcome publishPendingOf(Payment payment) {
		Outcome outcome = Outcome.PUBLISHED;
		for (OutboxEvent event : payment.outbox()) {
			if (event.publishedAt() != null || !this.publishing.add(event.eventId())) {
				continue;
			}
			try {
				// The publish is a span of the trace that wrote the event: the message's traceparent carries it on.
				Outcome published = this.traces.publishIn(event, () -> publish(event));
				if (published == Outcome.BROKER_DOWN) {
					return published;
				}
				if (published == Outcome.REFUSED) {
					outcome = published;
					continue;
				}
				this.paymentRepository.markPublished(payment.paymentId(), event.eventId(), Times.now());
			}
			finally {
				this.publishing.remove(event.eventId());
			}
		}
		return outcome;
	}

	private Outcome publish(OutboxEvent event) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding("UTF-8");
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(event.eventId());
		if (event.requestId() != null) {
			properties.setHeader(RequestIds.HEADER, event.requestId());
		}
		Message message = new Message(this.json.writeValueAsBytes(event.event()), properties);
		try {
			this.publisher.publish(TransactionTopology.EXCHANGE, TransactionTopology.ROUTING_KEY, message);
			if (this.brokerWasDown) {
				this.brokerWasDown = false;
				log.info("Broker reachable again; publishing the outbox");
			}
			return Outcome.PUBLISHED;
		}
		catch (ConfirmedPublisher.RefusedException ex) {
			// Not lost: it stays in the outbox, and every sweep tries it again.
			log.warn("The broker refused event {}; it stays in the outbox: {}", event.eventId(), ex.getMessage());
			return Outcome.REFUSED;
		}
		catch (AmqpException ex) {
			// Logged once per outage, not once per second.
			if (!this.brokerWasDown) {
				this.brokerWasDown = true;
				log.warn("Cannot publish transaction events, they stay in the outbox: {}", ex.getMessage());
			}
			return Outcome.BROKER_DOWN;
		}
	}

	/** What a publish came to: confirmed, refused by a working broker (that event only), or no broker to take it. */
	enum Outcome {

		PUBLISHED, REFUSED, BROKER_DOWN

	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
