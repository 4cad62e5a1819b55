package com.ecommerce.shared.idempotency;

import com.ecommerce.shared.error.ApiException;

/** The idempotency headers and the key's limit, the same for every service. */
public final class IdempotencyHeaders {

	/** The request header carrying the client's key. */
	public static final String KEY = "Idempotency-Key";

	/** The response header saying the answer is an earlier request's ({@code true}). */
	public static final String REPLAYED = "Idempotent-Replayed";

	public static final int MAX_KEY_LENGTH = 255;

	private IdempotencyHeaders() {
	}

	/** The key as sent; none stays null, an empty or over-long one is a 400 naming the header. */
	public static String validated(String key) {
		if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
			throw ApiException.invalid(KEY, "must be 1 to " + MAX_KEY_LENGTH + " characters");
		}
		return key;
	}

}
