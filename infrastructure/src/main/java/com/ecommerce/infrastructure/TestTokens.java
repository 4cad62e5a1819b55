package com.ecommerce.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Tokens of {@link TestAuthority} kept while fresh: minting one per request would sign thousands in a load test, and
 * one minted once would expire during a long test class.
 */
final class TestTokens implements Supplier<String> {

	private static final Duration REUSE_FOR = Duration.ofMinutes(5);

	private final String[] scopes;

	private String token;

	private Instant mintedAt = Instant.EPOCH;

	private TestTokens(String... scopes) {
		this.scopes = scopes;
	}

	/** Tokens with every scope the system knows. */
	static Supplier<String> everyScope() {
		return new TestTokens(TestAuthority.CLIENTS.toArray(String[]::new));
	}

	@Override
	public synchronized String get() {
		Instant now = Instant.now();
		if (this.token == null || now.isAfter(this.mintedAt.plus(REUSE_FOR))) {
			this.token = TestAuthority.get().token(this.scopes);
			this.mintedAt = now;
		}
		return this.token;
	}

}
