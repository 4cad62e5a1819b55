package com.ecommerce.product;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reservation that was committed or released, kept in {@code closed_reservations} under the id
 * {@code productId:orderId}: one per order and product, so that a repeated reserve, release or commit for an order
 * answers as the first one did instead of acting twice, however long ago the reservation closed.
 *
 * <p>
 * It is written before its product document is changed, and the unique id makes it the decision: whichever close is
 * inserted first (a commit, or a release) is the one the product document is then brought to
 * ({@link InventoryService}). A release that finds nothing to release leaves a tombstone (released, quantity 0), so
 * that a late reserve for that order is refused. {@code expired} (true, or absent) marks a release that no order
 * asked for: the reservation was left open past its expiry, and product-service gave its stock back itself
 * ({@link ReservationExpiry}); it is a release in every other respect.
 */
@Document("closed_reservations")
record ClosedReservation(@Id String id, String productId, String orderId, int quantity, long unitPrice, State state,
		Instant reservedAt, Instant closedAt, Boolean expired) {

	enum State {

		/** Sold: the order completed. */
		COMMITTED,
		/** Given back to stock: the order failed or was cancelled, or left the reservation open past its expiry. */
		RELEASED

	}

	static String idOf(String productId, String orderId) {
		return productId + ":" + orderId;
	}

	static ClosedReservation of(String productId, Reservation open, State state, Instant now) {
		return new ClosedReservation(idOf(productId, open.orderId()), productId, open.orderId(), open.quantity(),
				open.unitPrice(), state, open.reservedAt(), now, null);
	}

	/** The release of {@code open} because its order left it open past the expiry. */
	static ClosedReservation expiry(String productId, Reservation open, Instant now) {
		return new ClosedReservation(idOf(productId, open.orderId()), productId, open.orderId(), open.quantity(),
				open.unitPrice(), State.RELEASED, open.reservedAt(), now, true);
	}

	/** A released reservation of nothing: the order will never hold stock of this product. */
	static ClosedReservation tombstone(String productId, String orderId, Instant now) {
		return new ClosedReservation(idOf(productId, orderId), productId, orderId, 0, 0, State.RELEASED, null, now,
				null);
	}

	/** Whether this records the close of {@code open}, rather than a tombstone written while {@code open} was made. */
	boolean records(Reservation open) {
		return this.quantity == open.quantity() && this.unitPrice == open.unitPrice();
	}

	/** This close, for what {@code open} holds: a tombstone overtaken by a reserve releases what that reserved. */
	ClosedReservation of(Reservation open) {
		return new ClosedReservation(this.id, this.productId, this.orderId, open.quantity(), open.unitPrice(),
				this.state, open.reservedAt(), this.closedAt, this.expired);
	}

	/** Whether this is a release that the expiry made, rather than one or a commit that an order asked for. */
	boolean byExpiry() {
		return Boolean.TRUE.equals(this.expired);
	}

	Reservation reservation() {
		return new Reservation(this.orderId, this.quantity, this.unitPrice, this.reservedAt);
	}

}
