package com.ecommerce.product;

import java.time.Instant;

/**
 * Stock held for one order while the order runs, kept inside its product document so that taking stock and recording
 * who took it is one atomic update. Only open reservations live there: closing one (a commit or a release) moves it
 * to {@link ClosedReservation}, so a product document does not grow with the product's history.
 */
public record Reservation(String orderId, int quantity, long unitPrice, Instant reservedAt) {

	static final String ORDER_ID = "orderId";

	static final String QUANTITY = "quantity";

	static final String RESERVED_AT = "reservedAt";

}
