package com.ecommerce.product;

/**
 * A restock already added to its product's stock whose {@link Restock} record is not written yet, kept in the product
 * document ({@code restocking}) for that short while: a retry that finds it knows the stock was added, and only
 * writes the record.
 */
record PendingRestock(String orderId, int quantity) {

	static final String ORDER_ID = "orderId";

}
