package com.ecommerce.payment;

import java.time.Instant;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.messaging.TransactionTopology;

/** The live view of {@code GET /api/v1/payments/queue/status}: the broker's queues and this service's outbox. */
@Component
class QueueStatus {

	private final AmqpAdmin admin;

	private final PaymentRepository paymentRepository;

	QueueStatus(AmqpAdmin admin, PaymentRepository paymentRepository) {
		this.admin = admin;
		this.paymentRepository = paymentRepository;
	}

	View current() {
		Long messages = null;
		Integer consumers = null;
		Long deadLetters = null;
		boolean connected;
		try {
			QueueInformation queue = this.admin.getQueueInfo(TransactionTopology.QUEUE);
			QueueInformation deadLetterQueue = this.admin.getQueueInfo(TransactionTopology.DEAD_LETTER_QUEUE);
			connected = true;
			if (queue != null) {
				messages = queue.getMessageCount();
				consumers = queue.getConsumerCount();
			}
			if (deadLetterQueue != null) {
				deadLetters = deadLetterQueue.getMessageCount();
			}
		}
		catch (AmqpException ex) {
			// The broker is down: its figures are unknown, the outbox's are still here.
			connected = false;
		}
		PaymentRepository.OutboxBacklog backlog = this.paymentRepository.backlog();
		Long oldestAge = (backlog.oldestPendingAt() != null)
				? Math.max(0, Instant.now().toEpochMilli() - backlog.oldestPendingAt().toEpochMilli()) : null;
		return new View(connected, TransactionTopology.EXCHANGE, TransactionTopology.QUEUE,
				TransactionTopology.ROUTING_KEY, messages, consumers, deadLetters, backlog.pendingEvents(), oldestAge);
	}

	/** Broker figures are null when the broker is unreachable; {@code oldestPendingAgeMs} is null with no backlog. */
	record View(boolean connected, String exchange, String queue, String routingKey, Long messageCount,
			Integer consumerCount, Long deadLetterCount, long pendingEvents, Long oldestPendingAgeMs) {
	}

}
