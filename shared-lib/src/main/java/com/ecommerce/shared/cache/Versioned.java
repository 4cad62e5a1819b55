package com.ecommerce.shared.cache;

/**
 * A document whose {@code version} grows with every write to it: what lets a {@link VersionedCache} tell a newer copy
 * from an older one.
 */
public interface Versioned {

	long version();

}
