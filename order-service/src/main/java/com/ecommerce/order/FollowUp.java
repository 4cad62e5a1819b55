package com.ecommerce.order;

/**
 * A side effect an order still owes another service after its status changed: it is written into the order in the
 * same update as the status, so a crash right after leaves it there for the recovery job. Each is idempotent on the
 * other side (keyed by the order id), so doing one twice is harmless.
 */
public enum FollowUp {

	/** Turn the reservation into a sale (the order completed). */
	commit,
	/** Give the reserved stock back (the order failed or was cancelled). */
	release,
	/** Refund any completed payment of the order (it was cancelled, or lost the race to a cancel). */
	refund,
	/** Give the stock the order bought back (it was refunded, and the goods come back). */
	restock

}
