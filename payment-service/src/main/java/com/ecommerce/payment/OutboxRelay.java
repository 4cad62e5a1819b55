package com.ecommerce.payment;

import java.util.List;
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
 * Publishes the events waiting in the payments' outboxes: right after each payment (on a virtual thread, so no HTTP
 * answer waits for the broker) and on a timer (which catches up after an outage). Each event is marked published
 * only once the broker confirmed it; an event whose publish or confirm failed stays pending and goes again on the
 * next run. Delivery is at least once: a confirm lost after the broker took the message means a duplicate, which
 * the worker ignores (it is idempotent on the transaction id).
 */
@Component
class OutboxRelay implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private final PaymentRepository payments;

	private final ConfirmedPublisher publisher;

	private final JsonMapper json;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	// One run at a time; a request arriving during a run makes that run go round once more.
	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicBoolean requested = new AtomicBoolean();

	private volatile boolean brokerWasDown;

	OutboxRelay(PaymentRepository payments, ConfirmedPublisher publisher, JsonMapper json) {
		this.payments = payments;
		this.publisher = publisher;
		this.json = json;
	}

	/** Publishes what is pending soon, off the caller's thread. */
	void publishSoon() {
		this.requested.set(true);
		if (!this.running.get()) {
			this.executor.execute(this::run);
		}
	}

	@Scheduled(fixedDelayString = "${payment.outbox.relay-interval-ms:1000}", initialDelay = 1000)
	void onTimer() {
		this.requested.set(true);
		run();
	}

	private void run() {
		while (this.requested.get() && this.running.compareAndSet(false, true)) {
			try {
				while (this.requested.getAndSet(false)) {
					publishPending();
				}
			}
			catch (RuntimeException ex) {
				// Most likely MongoDB is down; the timer tries again.
				log.warn("Outbox relay failed: {}", ex.toString());
			}
			finally {
				this.running.set(false);
			}
		}
	}

	/** Publishes batch after batch until nothing is pending or the broker fails. */
	private void publishPending() {
		while (true) {
			List<Payment> pending = this.payments.findPending(BATCH);
			int published = 0;
			for (Payment payment : pending) {
				for (OutboxEvent event : payment.outbox()) {
					if (event.publishedAt() != null) {
						continue;
					}
					if (!publish(event)) {
						return;
					}
					this.payments.markPublished(payment.paymentId(), event.eventId(), Times.now());
					published++;
				}
			}
			if (pending.size() < BATCH || published == 0) {
				return;
			}
		}
	}

	/** True once the broker confirmed the event. */
	private boolean publish(OutboxEvent event) {
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
			return true;
		}
		catch (AmqpException ex) {
			// Logged once per outage, not once per second.
			if (!this.brokerWasDown) {
				this.brokerWasDown = true;
				log.warn("Cannot publish transaction events, they stay in the outbox: {}", ex.getMessage());
			}
			return false;
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
