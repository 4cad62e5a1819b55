package com.ecommerce.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its saga, and where it may go from there. {@code pending} and {@code processing} are open:
 * the flow, a cancel or the recovery job may still move them. A {@code completed} order may still be refunded:
 * {@code refunding} while the refund runs (the recovery job finishes one left behind), then {@code refunded}. The
 * others are final.
 */
public enum OrderStatus {

	/** Persisted, nothing reserved yet (or the reservation is under way). */
	pending,
	/** Stock reserved, payment requested. */
	processing,
	/** Paid; the reservation is (or is being) committed. */
	completed,
	/** Not paid; whatever was reserved is (or is being) released. */
	failed,
	/** Cancelled while open; stock released and any payment refunded. */
	cancelled,
	/** Was completed; a refund has begun: its payment is being refunded. Never completed again. */
	refunding,
	/** Was completed; its payment is refunded, and its stock is (or is being) given back when the refund asked so. */
	refunded;

	static final Set<OrderStatus> OPEN = EnumSet.of(pending, processing);

	/** The statuses the recovery job drives on when an order is left in them: the open ones, and a refund under way. */
	static final Set<OrderStatus> UNFINISHED = EnumSet.of(pending, processing, refunding);

	boolean isOpen() {
		return OPEN.contains(this);
	}

	boolean isUnfinished() {
		return UNFINISHED.contains(this);
	}

	/** Completed, whether or not refunded since: its payment completed it, and its stock was sold. */
	boolean wasCompleted() {
		return this == completed || this == refunding || this == refunded;
	}

	/** The state machine: the statuses an order may move to from this one. */
	Set<OrderStatus> next() {
		return switch (this) {
			case pending -> EnumSet.of(processing, failed, cancelled);
			case processing -> EnumSet.of(completed, failed, cancelled);
			case completed -> EnumSet.of(refunding);
			case refunding -> EnumSet.of(refunded);
			case failed, cancelled, refunded -> EnumSet.noneOf(OrderStatus.class);
		};
	}

}
