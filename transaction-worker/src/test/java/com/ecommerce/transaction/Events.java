package com.ecommerce.transaction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.ecommerce.shared.messaging.TransactionTopology;

/** Transaction events as payment-service publishes them, with ids unique to each test run. */
final class Events {

	private Events() {
	}

	static String unique(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	static String json(String transactionId, String orderId, String customerId, String status, String type,
			long amount, Instant timestamp) {
		return """
				{"transactionId":"%s","paymentId":"pay_%s","orderId":"%s","customerId":"%s","productId":"prod_001",\
				"amount":%d,"status":"%s","type":"%s","timestamp":"%s"}"""
			.formatted(transactionId, transactionId, orderId, customerId, amount, status, type, timestamp);
	}

	static String charge(String transactionId, String status, Instant timestamp) {
		return json(transactionId, "ord_" + transactionId, "cust_001", status, "charge", 2599, timestamp);
	}

	static Message message(String messageId, String body) {
		return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
			.setMessageId(messageId)
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader("X-Request-Id", "req-" + messageId)
			.build();
	}

	static void publish(RabbitTemplate rabbit, String messageId, String body) {
		rabbit.send(TransactionTopology.EXCHANGE, TransactionTopology.ROUTING_KEY, message(messageId, body));
	}

}
