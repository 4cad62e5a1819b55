package com.ecommerce.product;

import java.util.List;

/**
 * What the inventory decides on, read from a product document: its price, stock and tombstone count and, of its
 * open reservations, only the one of the order at hand (the others are never sent over the wire).
 */
record ProductStock(long price, int stock, int tombstones, List<Reservation> reservations) {

	/** The open reservation of the order this was read for, or null when that order has none. */
	Reservation reservation() {
		return (this.reservations == null || this.reservations.isEmpty()) ? null : this.reservations.getFirst();
	}

}
