package com.ecommerce.shared;

import java.util.OptionalLong;

/**
 * Money is integer cents in a {@code long}. Every amount a client gives (a product's price, a payment's amount) is at
 * most {@link #MAX_CENTS}, and so is every amount computed from them (an order's unit price × quantity): far above
 * any real sale, and far enough below {@link Long#MAX_VALUE} that a price times any quantity the API takes fits a
 * long with room to spare.
 */
public final class Money {

	/** 10¹⁰ cents, 100,000,000.00. */
	public static final long MAX_CENTS = 10_000_000_000L;

	/** What a validation error says of an amount over the bound, in every service alike. */
	public static final String TOO_LARGE = "must be at most " + MAX_CENTS + " cents";

	private Money() {
	}

	/** What a validation error says of a quantity that takes the total at {@code unitPrice} over the bound. */
	public static String tooLargeAt(long unitPrice) {
		return "times the unit price of " + unitPrice + " cents " + TOO_LARGE;
	}

	/**
	 * {@code unitPrice × quantity}, or empty when that is more than {@link #MAX_CENTS}, however far: a price stored
	 * before the bound existed can be large enough for the product to overflow a long, which must not wrap around
	 * into a small (or negative) amount.
	 */
	public static OptionalLong total(long unitPrice, long quantity) {
		long total;
		try {
			total = Math.multiplyExact(unitPrice, quantity);
		}
		catch (ArithmeticException ex) {
			return OptionalLong.empty();
		}
		return (total <= MAX_CENTS) ? OptionalLong.of(total) : OptionalLong.empty();
	}

}
