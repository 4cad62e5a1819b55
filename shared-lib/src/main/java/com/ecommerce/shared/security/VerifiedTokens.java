package com.ecommerce.shared.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The tokens this service has verified, kept until they expire, so that a token used again (a client keeps one for its
 * ten minutes; order-service calls with its own on every step) is not verified again: an RSA signature check on every
 * request was a tenth of a service's CPU. Only what the decoder accepted is kept, under the exact token text, so a
 * token is accepted from here only if the same text passed every check before; it leaves at its {@code exp} (the
 * decoder's clock skew is not granted again). A key withdrawn from auth-service's key set stops new tokens at once; a
 * token it signed that is kept here is accepted until it expires, as a token is anyway.
 */
public final class VerifiedTokens implements JwtDecoder {

	/** Few clients hold tokens at a time; past this many, all are forgotten and verified again as they come. */
	static final int MAX_TOKENS = 1024;

	private final JwtDecoder decoder;

	private final Clock clock;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	public VerifiedTokens(JwtDecoder decoder, Clock clock) {
		this.decoder = decoder;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Jwt known = this.verified.get(token);
		if (known != null && unexpired(known, now)) {
			return known;
		}
		Jwt jwt = this.decoder.decode(token);
		if (unexpired(jwt, now)) {
			if (this.verified.size() >= MAX_TOKENS) {
				// Expired tokens pile up here at the pace clients renew theirs: dropped together, rarely.
				this.verified.clear();
			}
			this.verified.put(token, jwt);
		}
		return jwt;
	}

	private static boolean unexpired(Jwt jwt, Instant now) {
		return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt());
	}

}
