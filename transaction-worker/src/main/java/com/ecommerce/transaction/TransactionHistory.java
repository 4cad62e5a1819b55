package com.ecommerce.transaction;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.IndexDirection;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.messaging.TransactionEvent;
import com.ecommerce.shared.web.PageQuery;

/**
 * What the worker knows about one transaction, as stored in {@code transactionhistories} and returned by the API:
 * the newest event seen for it ({@code timestamp} is that event's time), when the first one arrived and when the
 * record last changed, and the request id that caused it. Indexed for the list's filters and its newest-first order.
 */
@Document("transactionhistories")
public record TransactionHistory(@Id String transactionId, String paymentId, @Indexed(name = "orderId") String orderId,
		@Indexed(name = "customerId") String customerId, String productId, long amount,
		@Indexed(name = "status") String status, TransactionEvent.Type type,
		@Indexed(name = "timestamp_desc", direction = IndexDirection.DESCENDING) Instant timestamp, Instant receivedAt,
		Instant updatedAt, String requestId) {

	static final String ORDER_ID = "orderId";

	static final String CUSTOMER_ID = "customerId";

	static final String STATUS = "status";

	static final String TIMESTAMP = "timestamp";

	static final Sort NEWEST_FIRST = PageQuery.newestFirst(TIMESTAMP);

	static TransactionHistory of(TransactionEvent event, String requestId, Instant now) {
		return new TransactionHistory(event.transactionId(), event.paymentId(), event.orderId(), event.customerId(),
				event.productId(), event.amount(), event.status(), event.type(), event.timestamp(), now, now, requestId);
	}

}
