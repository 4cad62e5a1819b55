package com.ecommerce.shared.idempotency;

/**
 * Given to the work run under a key: the work calls it once the resource it creates exists, and from then on the key
 * answers with that resource, even if the work fails afterwards.
 */
@FunctionalInterface
public interface KeyBinding {

	void bind(String resourceId);

}
