package com.ecommerce.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its saga. {@code pending} and {@code processing} are open: the flow, a cancel or the recovery
 * job may still move them. The other three are final.
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

}
