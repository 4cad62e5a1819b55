package com.ecommerce.order;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.RequestIds;

/**
 * One line of an order's history: what happened ({@code event}), the status the order had afterwards, why, the
 * request that did it ({@code requestId} is absent for the recovery job) and the trace it was part of ({@code traceId},
 * to look it up in Zipkin; absent on entries written before tracing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(Instant at, String event, OrderStatus status, String detail, String requestId,
		String traceId) {

	TimelineEntry(Instant at, String event, OrderStatus status, String detail, String requestId) {
		this(at, event, status, detail, requestId, null);
	}

	static final String CREATED = "created";

	static final String RESERVED = "reserved";

	static final String PAYMENT_REQUESTED = "payment_requested";

	static final String PAYMENT_COMPLETED = "payment_completed";

	static final String PAYMENT_DECLINED = "payment_declined";

	static final String PAYMENT_UNKNOWN = "payment_unknown";

	static final String COMPLETED = "completed";

	static final String FAILED = "failed";

	static final String CANCELLED = "cancelled";

	static final String COMMITTED = "committed";

	static final String RELEASED = "released";

	static final String REFUNDED = "refunded";

	static final String REFUND_REQUESTED = "refund_requested";

	static final String RESTOCKED = "restocked";

	static final String RECOVERED = "recovered";

	static final String FOLLOW_UP_FAILED = "follow_up_failed";

	static final String COMPENSATION_OWED = "compensation_owed";

	static final String NEEDS_ATTENTION = "needs_attention";

	/** A line stamped now, with the request (or recovery run) that is working on the order, and its trace. */
	static TimelineEntry of(String event, OrderStatus status, String detail) {
		return new TimelineEntry(Times.now(), event, status, detail, RequestIds.current(), RequestIds.currentTraceId());
	}

}
