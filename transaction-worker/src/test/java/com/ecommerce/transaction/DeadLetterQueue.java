package com.ecommerce.transaction;

import java.util.Collection;

import com.rabbitmq.client.GetResponse;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.ecommerce.shared.messaging.TransactionTopology;

/** Test clean-up: the dead-letter queue may be shared with other runs, so only a test's own messages are removed. */
final class DeadLetterQueue {

	private DeadLetterQueue() {
	}

	/** Acks the dead letters with these message ids; every other message goes back to the queue untouched. */
	static void remove(RabbitTemplate rabbit, Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return;
		}
		rabbit.execute((channel) -> {
			long lastOther = -1;
			try {
				GetResponse response;
				while ((response = channel.basicGet(TransactionTopology.DEAD_LETTER_QUEUE, false)) != null) {
					long tag = response.getEnvelope().getDeliveryTag();
					if (messageIds.contains(response.getProps().getMessageId())) {
						channel.basicAck(tag, false);
					}
					else {
						lastOther = tag;
					}
				}
			}
			finally {
				if (lastOther >= 0) {
					channel.basicNack(lastOther, true, true);
				}
			}
			return null;
		});
	}

}
