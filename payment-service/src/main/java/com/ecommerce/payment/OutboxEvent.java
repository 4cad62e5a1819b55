package com.ecommerce.payment;

import java.time.Instant;

import com.ecommerce.shared.messaging.TransactionEvent;

/**
 * An event waiting in its payment's document to be published. {@code eventId} is unique within the payment and is
 * the message id: the transaction id for the charge, the transaction id + {@code ":refund"} for the refund (the
 * worker keys on the event's transactionId and status, so distinct message ids only help tracing).
 * {@code requestId} is the request that caused the event, sent as {@code X-Request-Id}; {@code traceparent} its trace,
 * which the publish continues (OutboxTraces), null when it had none or was written before tracing.
 */
public record OutboxEvent(String eventId, TransactionEvent event, String requestId, String traceparent,
		Instant createdAt, Instant publishedAt) {

	static final String EVENT_ID = "eventId";

	static final String PUBLISHED_AT = "publishedAt";

	static final String CREATED_AT = "createdAt";

	static OutboxEvent pending(String eventId, TransactionEvent event, String requestId, String traceparent) {
		return new OutboxEvent(eventId, event, requestId, traceparent, event.timestamp(), null);
	}

}
