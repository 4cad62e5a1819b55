package com.ecommerce.payment;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.IndexDirection;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.messaging.TransactionEvent;

/**
 * A payment as stored in {@code payments} and returned by the API. The events still to publish live in the document
 * itself ({@code outbox}), so a payment and its event are written by one atomic insert or update and can't exist
 * without each other. {@code pendingEvents} counts the unpublished ones, indexed, so the relay and the queue status
 * find them without scanning. {@code completedOrderId} is set only on a completed payment and carries a sparse unique
 * index: the database itself refuses a second completed payment for an order. These three stay out of the API.
 */
@Document("payments")
@CompoundIndex(name = "orderId_createdAt", def = "{'orderId': 1, 'createdAt': -1}")
@CompoundIndex(name = "customerId_createdAt", def = "{'customerId': 1, 'createdAt': -1}")
@CompoundIndex(name = "status_createdAt", def = "{'status': 1, 'createdAt': -1}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payment(@Id String paymentId, @Indexed(name = "transactionId", unique = true) String transactionId,
		String orderId, String customerId, String productId, long amount, String paymentMethod, Status status,
		String failureReason, String idempotencyKey,
		@Indexed(name = "createdAt_desc", direction = IndexDirection.DESCENDING) Instant createdAt,
		Instant updatedAt, Instant refundedAt,
		// Sparse: only completed payments carry it, so failed and refunded ones never collide.
		@Indexed(name = "completedOrderId_unique", unique = true, sparse = true) @JsonIgnore String completedOrderId,
		@Indexed(name = "pendingEvents") @JsonIgnore int pendingEvents, @JsonIgnore List<OutboxEvent> outbox) {

	static final String ORDER_ID = "orderId";

	static final String CUSTOMER_ID = "customerId";

	static final String STATUS = "status";

	static final String CREATED_AT = "createdAt";

	static final String UPDATED_AT = "updatedAt";

	static final String REFUNDED_AT = "refundedAt";

	static final String PENDING_EVENTS = "pendingEvents";

	static final String OUTBOX = "outbox";

	static final String DECLINED = "payment_declined";

	public enum Status {

		completed, failed, refunded

	}

	/** A new payment with the gateway's answer and its charge event waiting in the outbox. */
	static Payment charged(PaymentRequest request, String key, PaymentGateway.Decision decision, String paymentId,
			String transactionId, String requestId, String traceparent, Instant now) {
		Status status = decision.approved() ? Status.completed : Status.failed;
		Payment payment = new Payment(paymentId, transactionId, request.orderId(), request.customerId(),
				request.productId(), request.amount(), request.method(), status, decision.failureReason(), key, now,
				now, null, decision.approved() ? request.orderId() : null, 1, List.of());
		TransactionEvent event = payment.event(status, TransactionEvent.Type.charge, now);
		return payment.withOutbox(List.of(OutboxEvent.pending(transactionId, event, requestId, traceparent)));
	}

	TransactionEvent event(Status status, TransactionEvent.Type type, Instant timestamp) {
		return new TransactionEvent(this.transactionId, this.paymentId, this.orderId, this.customerId, this.productId,
				this.amount, status.name(), type, timestamp);
	}

	/** The refund's event; its timestamp is later than the charge's, since the worker keeps the newest status. */
	OutboxEvent refundEvent(String requestId, String traceparent, Instant now) {
		Instant timestamp = now.isAfter(this.createdAt) ? now : this.createdAt.plusMillis(1);
		return OutboxEvent.pending(this.transactionId + ":refund",
				event(Status.refunded, TransactionEvent.Type.refund, timestamp), requestId, traceparent);
	}

	private Payment withOutbox(List<OutboxEvent> events) {
		return new Payment(this.paymentId, this.transactionId, this.orderId, this.customerId, this.productId,
				this.amount, this.paymentMethod, this.status, this.failureReason, this.idempotencyKey, this.createdAt,
				this.updatedAt, this.refundedAt, this.completedOrderId, events.size(), events);
	}

}
