package com.ecommerce.shared.idempotency;

/**
 * Given to the work run under a key: the work calls it once the resource it creates exists, and from then on the key
 * answers with that resource, even if the work fails afterwards.
 */
@FunctionalInterface
public interface KeyBinding {

	void bind(String resourceId);

	/**
	 * The resource bound came to nothing (it failed before anything happened that a repeat must not do again): the
	 * key is given up, and a retry under it runs afresh instead of replaying the failure.
	 */
	default void forget() {
	}

}
