package com.ecommerce.transaction;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.messaging.TransactionTopology;
import com.ecommerce.shared.metrics.GaugeRefresh;

/**
 * The broker's side of the worker: {@code transaction_queue_depth{queue}}, the messages ready in the main queue (a
 * backlog the consumers are not keeping up with), and {@code transaction_dead_letters}, the messages in the
 * dead-letter queue (each one an event not stored, for an operator to redrive). The broker is asked every 15 s and the
 * gauges read the last answer: a scrape never reaches the broker. While the broker can't answer they keep the last
 * values, and the outage is logged once.
 */
@Component
class QueueGauges {

	private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

	private final AmqpAdmin admin;

	private final AtomicLong depth = new AtomicLong();

	private final AtomicLong deadLetters = new AtomicLong();

	private final GaugeRefresh counting = new GaugeRefresh(log, "the transaction queues");

	QueueGauges(AmqpAdmin admin, MeterRegistry registry) {
		this.admin = admin;
		Gauge.builder("transaction.queue.depth", this.depth, AtomicLong::get)
			.description("Messages ready in the queue, not delivered to a consumer yet")
			.tag("queue", TransactionTopology.QUEUE)
			.register(registry);
		Gauge.builder("transaction.dead.letters", this.deadLetters, AtomicLong::get)
			.description("Messages in the dead-letter queue: events not stored, to look at and redrive")
			.register(registry);
	}

	/** Asks the broker again; runs at start-up, then every 15 s. */
	@Scheduled(fixedDelay = 15, timeUnit = TimeUnit.SECONDS)
	void refresh() {
		QueueInformation queue;
		QueueInformation deadLetterQueue;
		try {
			queue = this.admin.getQueueInfo(TransactionTopology.QUEUE);
			deadLetterQueue = this.admin.getQueueInfo(TransactionTopology.DEAD_LETTER_QUEUE);
		}
		catch (RuntimeException ex) {
			this.counting.failed(ex.toString());
			return;
		}
		if (queue == null || deadLetterQueue == null) {
			// No count: the queue is not there (yet), or the broker refused to say. Nothing to report but the last.
			this.counting.failed("a queue is missing");
			return;
		}
		this.depth.set(queue.getMessageCount());
		this.deadLetters.set(deadLetterQueue.getMessageCount());
		this.counting.succeeded();
	}

}
