package com.ecommerce.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.ecommerce.infrastructure.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A token is verified once while it is valid; a refused one, an expired one and another text are verified anew. */
class VerifiedTokensTests {

	private static final Instant ISSUED = Instant.parse("2026-12-03T10:00:00Z");

	private final List<String> decoded = new ArrayList<>();

	private final MovableClock clock = new MovableClock(ISSUED);

	/** Accepts tokens named "good-…" (valid ten minutes from ISSUED), refuses the rest. */
	private final JwtDecoder decoder = (token) -> {
		this.decoded.add(token);
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject(token)
			.issuedAt(ISSUED)
			.expiresAt(ISSUED.plus(Duration.ofMinutes(10)))
			.build();
	};

	private final VerifiedTokens tokens = new VerifiedTokens(this.decoder, this.clock);

	@Test
	void aTokenUsedAgainIsVerifiedOnceWhileItIsValid() {
		Jwt first = this.tokens.decode("good-a");
		this.clock.set(ISSUED.plus(Duration.ofMinutes(9)));

		assertThat(this.tokens.decode("good-a")).isSameAs(first);
		assertThat(this.tokens.decode("good-b").getSubject()).isEqualTo("good-b");
		assertThat(this.decoded).containsExactly("good-a", "good-b");
	}

	@Test
	void anExpiredTokenGoesBackToTheDecoder() {
		this.tokens.decode("good-a");
		this.clock.set(ISSUED.plus(Duration.ofMinutes(10)));

		this.tokens.decode("good-a");

		assertThat(this.decoded).containsExactly("good-a", "good-a");
	}

	@Test
	void aRefusedTokenIsRefusedEveryTime() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("forged"));
		}
		assertThat(this.decoded).containsExactly("forged", "forged");
	}

	@Test
	void pastItsSizeItStartsOverRatherThanGrow() {
		for (int i = 0; i <= VerifiedTokens.MAX_TOKENS; i++) {
			this.tokens.decode("good-" + i);
		}
		this.decoded.clear();

		this.tokens.decode("good-0");
		this.tokens.decode(("good-" + VerifiedTokens.MAX_TOKENS));

		assertThat(this.decoded).as("forgotten when the cache was full, kept since").containsExactly("good-0");
	}

}
