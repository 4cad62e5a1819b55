package com.ecommerce.product;

import java.time.Instant;

/**
 * Stock held for one order, kept inside its product. It stays after it is closed, so that a repeated reserve,
 * release or commit for the same order can answer as the first one did instead of acting twice.
 */
public record Reservation(String orderId, int quantity, long unitPrice, State state, Instant reservedAt, Instant closedAt) {

	static final String ORDER_ID = "orderId";

	static final String QUANTITY = "quantity";

	static final String STATE = "state";

	static final String CLOSED_AT = "closedAt";

	public enum State {

		/** Taken from stock, waiting for the order's outcome. */
		RESERVED,
		/** Sold: the order completed. */
		COMMITTED,
		/** Given back to stock: the order failed or was cancelled. */
		RELEASED

	}

}
