package com.ecommerce.product;

import java.util.List;

/**
 * What the inventory decides on, read from a product document: the price and stock of an active product and, of
 * all its reservations, only the one of the order at hand (the others are never sent over the wire).
 */
record ProductStock(long price, int stock, List<Reservation> reservations) {

	/** The reservation of the order this was read for, or null when that order has none. */
	Reservation reservation() {
		return (this.reservations == null || this.reservations.isEmpty()) ? null : this.reservations.getFirst();
	}

}
