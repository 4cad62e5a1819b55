package com.ecommerce.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, under {@code gateway.*}; application.yml maps the environment variables onto them.
 *
 * @param upstreams each service's base URLs, one per instance (a single URL may be a Kubernetes Service)
 * @param rateLimit how fast one client may call
 * @param maxAttempts how often one request is tried at most, each time on another instance while there is one
 * @param maxBodySize the largest request body passed on (the services' own limit): a retry needs the body again, so
 * the gateway holds it in memory
 * @param maxAnswerSize the largest answer passed on: an answer is held until it is whole ({@link WholeAnswers})
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(Map<String, List<URI>> upstreams, @DefaultValue RateLimit rateLimit,
		@DefaultValue("3") int maxAttempts, @DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("4MB") DataSize maxAnswerSize) {

	public GatewayProperties {
		upstreams = (upstreams != null) ? upstreams : Map.of();
	}

	/**
	 * Spring Cloud Gateway's token bucket per client: {@code replenishRate} tokens come back a second, up to
	 * {@code burstCapacity}, and each request costs {@code requestedTokens} (more than 1 makes rates below one request
	 * a second). When Redis fails to answer, requests pass unchecked, and Redis is left alone for
	 * {@code pauseAfterFailure} so that an outage costs one failed call, not one per request.
	 */
	public record RateLimit(@DefaultValue("200") int replenishRate, @DefaultValue("400") long burstCapacity,
			@DefaultValue("1") int requestedTokens, @DefaultValue("5s") Duration pauseAfterFailure) {

		/** How long a client that was refused waits for the tokens of one request. */
		public Duration retryAfter() {
			return Duration.ofMillis(Math.max(1, 1000L * this.requestedTokens / this.replenishRate));
		}

	}

}
