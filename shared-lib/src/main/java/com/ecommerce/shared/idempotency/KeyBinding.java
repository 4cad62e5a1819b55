package com.ecommerce.shared.idempotency;

/**
 * Given to the work run under a key: the work calls it once the resource it creates exists, and from then on the key
 * answers with that resource, even if the work fails afterwards.
 */
@FunctionalInterface
public interface KeyBinding {

	/**
	 * Binds the key to the resource. False when a repeat took the key over first (this request held it unbound past
	 * the lease, as good as dead): the repeat does the work, and this request must stop short of doing it twice.
	 */
	boolean bind(String resourceId);

	/**
	 * The resource bound came to nothing (it failed before anything happened that a repeat must not do again): the
	 * key is given up, and a retry under it runs afresh instead of replaying the failure.
	 */
	default void forget() {
	}

}
