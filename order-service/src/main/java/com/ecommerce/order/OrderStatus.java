package com.ecommerce.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its saga, and where it may go from there. {@code pending} and {@code processing} are open:
 * the flow, a cancel or the recovery job may still move them. The other three are final.
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
	cancelled;

	static final Set<OrderStatus> OPEN = EnumSet.of(pending, processing);

	boolean isOpen() {
		return OPEN.contains(this);
	}

	/** The state machine: the statuses an order may move to from this one. */
	Set<OrderStatus> next() {
		return switch (this) {
			case pending -> EnumSet.of(processing, failed, cancelled);
			case processing -> EnumSet.of(completed, failed, cancelled);
			case completed, failed, cancelled -> EnumSet.noneOf(OrderStatus.class);
		};
	}

}
