package com.ecommerce.gateway;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * auth-service's published keys, fetched when a token names a key id not seen yet — but at most once per
 * {@code minRefetch}: anyone can send tokens with made-up key ids, and each must not cost auth-service a request.
 * Meanwhile such a token is just unverifiable (so its caller is counted by address).
 */
class KeySet {

	private static final Logger log = LoggerFactory.getLogger(KeySet.class);

	private final WebClient web;

	private final URI uri;

	private final long minRefetchNanos;

	/** Requests with a token wait for the fetch: a hanging auth-service must not hold them long. */
	private final Duration fetchTimeout = Duration.ofSeconds(2);

	private volatile JWKSet keys = new JWKSet();

	private Mono<JWKSet> lastFetch;

	private long lastFetchAt;

	KeySet(WebClient web, URI uri, Duration minRefetch) {
		this.web = web;
		this.uri = uri;
		this.minRefetchNanos = minRefetch.toNanos();
	}

	Flux<JWK> keysFor(SignedJWT token) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
		List<JWK> known = selector.select(this.keys);
		if (!known.isEmpty()) {
			return Flux.fromIterable(known);
		}
		return fetch().flatMapIterable(selector::select);
	}

	/** The last fetch while it is recent (under way or done), else a new one; each shared by all who ask meanwhile. */
	private synchronized Mono<JWKSet> fetch() {
		long now = System.nanoTime();
		if (this.lastFetch == null || now - this.lastFetchAt >= this.minRefetchNanos) {
			this.lastFetchAt = now;
			this.lastFetch = this.web.get()
				.uri(this.uri)
				.retrieve()
				.bodyToMono(String.class)
				.map(KeySet::parse)
				.timeout(this.fetchTimeout)
				.doOnNext((keys) -> this.keys = keys)
				.onErrorResume((ex) -> {
					log.warn("auth-service's keys could not be fetched from {}: {}", this.uri, ex.toString());
					return Mono.just(this.keys);
				})
				.cache();
		}
		return this.lastFetch;
	}

	private static JWKSet parse(String json) {
		try {
			return JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not a JWK set", ex);
		}
	}

}
