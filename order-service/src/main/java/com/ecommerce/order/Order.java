package com.ecommerce.order;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order as stored in {@code orders} and returned by the API. Money is in cents. The saga's bookkeeping
 * (idempotency key, owed follow-ups, the recovery claim, the timeline) is stored with it but not shown here; the
 * timeline has its own endpoint.
 */
@Document("orders")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(@Id String orderId, String customerId, String productId, int quantity, String paymentMethod,
		Long unitPrice, Long amount, OrderStatus orderStatus, String failureReason, String paymentId,
		String transactionId, String cancellationReason, Instant cancelledAt, Instant createdAt, Instant updatedAt,
		@JsonIgnore String idempotencyKey, @JsonIgnore String requestHash, @JsonIgnore List<FollowUp> followUps,
		@JsonIgnore Instant claimedUntil, @JsonIgnore List<TimelineEntry> timeline) {

	static final String CUSTOMER_ID = "customerId";

	static final String STATUS = "orderStatus";

	static final String UNIT_PRICE = "unitPrice";

	static final String AMOUNT = "amount";

	static final String FAILURE_REASON = "failureReason";

	static final String PAYMENT_ID = "paymentId";

	static final String TRANSACTION_ID = "transactionId";

	static final String CANCELLATION_REASON = "cancellationReason";

	static final String CANCELLED_AT = "cancelledAt";

	static final String CREATED_AT = "createdAt";

	static final String UPDATED_AT = "updatedAt";

	static final String IDEMPOTENCY_KEY = "idempotencyKey";

	static final String FOLLOW_UPS = "followUps";

	static final String CLAIMED_UNTIL = "claimedUntil";

	static final String TIMELINE = "timeline";

	static Order pending(String orderId, NewOrder request, String idempotencyKey, String requestHash,
			TimelineEntry created) {
		return new Order(orderId, request.customerId(), request.productId(), request.quantity(), request.method(), null,
				null, OrderStatus.pending, null, null, null, null, null, created.at(), created.at(), idempotencyKey,
				requestHash, List.of(), null, List.of(created));
	}

	List<FollowUp> owed() {
		return (this.followUps != null) ? this.followUps : List.of();
	}

}
