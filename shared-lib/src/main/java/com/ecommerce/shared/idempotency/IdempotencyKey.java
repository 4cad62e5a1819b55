package com.ecommerce.shared.idempotency;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One key in {@code idempotency_keys}, {@code _id} = scope + ":" + key. Claimed by the first request ({@code owner}
 * says which, so only that request binds or releases it), then bound to the resource that request created
 * ({@code resourceId}), which every repeat with the same {@code fingerprint} is answered with until
 * {@code expiresAt}. The TTL index removes expired keys in a real MongoDB.
 */
@Document(IdempotencyKey.COLLECTION)
record IdempotencyKey(@Id String id, String fingerprint, String owner, String resourceId, Instant claimedAt,
		@Indexed(name = "expiresAt_ttl", expireAfter = "0s") Instant expiresAt) {

	static final String COLLECTION = "idempotency_keys";

	static final String OWNER = "owner";

	static final String RESOURCE_ID = "resourceId";

	static final String CLAIMED_AT = "claimedAt";

	static final String EXPIRES_AT = "expiresAt";

	boolean bound() {
		return this.resourceId != null;
	}

	boolean expired(Instant now) {
		return this.expiresAt.isBefore(now);
	}

}
