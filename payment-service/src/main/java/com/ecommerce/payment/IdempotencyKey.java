package com.ecommerce.payment;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One idempotency key in {@code idempotency_keys}: claimed by the first request (state {@code in_progress}, with an
 * {@code owner} token so only that request finishes or releases it), then {@code done} with the exact status and
 * body that request answered, which every repeat answers again until {@code expiresAt}.
 */
@Document("idempotency_keys")
public record IdempotencyKey(@Id String key, String requestHash, String owner, State state, Integer statusCode,
		String paymentId, String body, Instant createdAt, Instant expiresAt) {

	static final String OWNER = "owner";

	static final String STATE = "state";

	static final String STATUS_CODE = "statusCode";

	static final String PAYMENT_ID = "paymentId";

	static final String BODY = "body";

	static final String CREATED_AT = "createdAt";

	static final String EXPIRES_AT = "expiresAt";

	public enum State {

		in_progress, done

	}

	boolean expired(Instant now) {
		return this.expiresAt.isBefore(now);
	}

}
