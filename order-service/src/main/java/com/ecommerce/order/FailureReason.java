package com.ecommerce.order;

/** Why an order failed: its {@code failureReason}. */
enum FailureReason {

	customer_not_found, product_not_found, insufficient_stock,
	/** customer-service or product-service could not be reached. */
	service_unavailable,
	/** A step was refused for a reason of its own (its message is in the timeline). */
	rejected, payment_declined, payment_rejected,
	/** The charge never reached payment-service: nothing can have been paid. */
	payment_service_unavailable,
	/** Recovery found no payment for the order past the time-out. */
	not_paid_in_time,
	/**
	 * Its request held the {@code Idempotency-Key} past the lease, and a repeat took the key over and places the
	 * order instead: this one stops before asking anything of anyone.
	 */
	superseded

}
