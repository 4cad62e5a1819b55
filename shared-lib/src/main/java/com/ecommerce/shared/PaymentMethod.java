package com.ecommerce.shared;

/**
 * How an order is paid, as orders and payments accept it ({@code @OneOf(PaymentMethod.class)}): an unknown value is a
 * 400 naming the field and listing these.
 */
public enum PaymentMethod {

	credit_card, debit_card, paypal, bank_transfer,
	/** Always declined by the simulated gateway: for trying the failure path. */
	test_declined;

	/** What a request without a method pays with. */
	public static final PaymentMethod DEFAULT = credit_card;

}
