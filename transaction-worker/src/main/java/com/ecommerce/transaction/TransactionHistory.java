package com.ecommerce.transaction;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.messaging.TransactionEvent;

/**
 * What the worker knows about one transaction, as stored in {@code transactionhistories} and returned by the API:
 * the newest event seen for it ({@code timestamp} is that event's time), when the first one arrived and when the
 * record last changed, and the request id that caused it.
 */
@Document("transactionhistories")
public record TransactionHistory(@Id String transactionId, String paymentId, String orderId, String customerId,
		String productId, long amount, String status, TransactionEvent.Type type, Instant timestamp,
		Instant receivedAt, Instant updatedAt, String requestId) {

	static final String ORDER_ID = "orderId";

	static final String CUSTOMER_ID = "customerId";

	static final String STATUS = "status";

	static final String TIMESTAMP = "timestamp";

	static TransactionHistory of(TransactionEvent event, String requestId, Instant now) {
		return new TransactionHistory(event.transactionId(), event.paymentId(), event.orderId(), event.customerId(),
				event.productId(), event.amount(), event.status(), event.type(), event.timestamp(), now, now, requestId);
	}

}
