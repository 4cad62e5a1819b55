package com.ecommerce.product;

/** The field rules shared by create and update. */
final class ProductRules {

	static final String NOT_BLANK = "(?s).*\\S.*";

	static final String NOT_BLANK_MESSAGE = "must not be blank";

	/**
	 * Weights and dimensions have no natural upper bound, but a JSON number like 1e400 reads as infinity, which no
	 * JSON can print back: a generous cap keeps them finite.
	 */
	static final String MAX_MEASURE = "1000000";

	/** Stock stays well inside an int, so that giving reservations back can never overflow it. */
	static final int MAX_STOCK = 1_000_000_000;

	private ProductRules() {
	}

}
