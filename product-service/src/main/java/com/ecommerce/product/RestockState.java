package com.ecommerce.product;

import java.util.List;

/**
 * What a restock decides on, read from a product document: its stock, how many restocks it has finished
 * ({@code restocks}, absent until the first) and, of the restocks applied but not yet recorded ({@code restocking}),
 * only the one of the order at hand. Both fields stay out of {@link Product}: no answer shows them.
 */
record RestockState(int stock, Integer restocks, List<PendingRestock> restocking) {

	static final String RESTOCKS = "restocks";

	static final String RESTOCKING = "restocking";

	/** The pending restock of the order this was read for, or null when that order has none. */
	PendingRestock pending() {
		return (this.restocking == null || this.restocking.isEmpty()) ? null : this.restocking.getFirst();
	}

}
