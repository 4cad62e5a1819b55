package com.ecommerce.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import com.ecommerce.shared.error.ErrorCode;

/**
 * Per-client rate limiting with Spring Cloud Gateway's RedisRateLimiter (a token bucket in Redis, so every gateway
 * instance counts against the same buckets): one bucket per client for the whole API, whatever the route. Too many
 * requests → 429 {@code RATE_LIMITED} with {@code Retry-After}. Redis down → requests pass: the limit protects the
 * services, and a gateway that refused everything would be the outage. Runs before a request is retried, so a retry
 * costs the client nothing.
 */
class RateLimit implements GlobalFilter, Ordered {

	/** RedisRateLimiter keys its buckets by route and client; one "route" makes one bucket per client. */
	private static final String ALL_ROUTES = "api";

	private static final Logger log = LoggerFactory.getLogger(RateLimit.class);

	private final RedisRateLimiter limiter;

	private final ClientKeys clients;

	private final Duration retryAfter;

	private final long pauseNanos;

	private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

	RateLimit(RedisRateLimiter limiter, ClientKeys clients, GatewayProperties.RateLimit settings) {
		this.limiter = limiter;
		this.clients = clients;
		this.retryAfter = settings.retryAfter();
		this.pauseNanos = settings.pauseAfterFailure().toNanos();
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (System.nanoTime() - this.pausedUntil.get() < 0) {
			return chain.filter(exchange);
		}
		return this.clients.keyOf(exchange)
			.flatMap((client) -> this.limiter.isAllowed(ALL_ROUTES, client))
			.flatMap((answer) -> {
				if (unanswered(answer)) {
					pause();
					return chain.filter(exchange);
				}
				if (answer.isAllowed()) {
					return chain.filter(exchange);
				}
				return Mono.error(new GatewayException(ErrorCode.RATE_LIMITED,
						"Too many requests: slow down and try again later", this.retryAfter));
			});
	}

	/**
	 * RedisRateLimiter lets a request through when Redis fails (logging an error each time, which application.yml
	 * silences) and says so only by a remaining count of -1, which a bucket never has.
	 */
	private boolean unanswered(RateLimiter.Response answer) {
		return "-1".equals(answer.getHeaders().get(this.limiter.getRemainingHeader()));
	}

	private void pause() {
		long now = System.nanoTime();
		long until = this.pausedUntil.get();
		if (now - until >= 0 && this.pausedUntil.compareAndSet(until, now + this.pauseNanos)) {
			log.warn("Redis did not answer: requests pass without a rate limit for the next {} s",
					this.pauseNanos / 1_000_000_000.0);
		}
	}

}
