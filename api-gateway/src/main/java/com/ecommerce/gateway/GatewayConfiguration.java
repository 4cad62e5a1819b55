package com.ecommerce.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/** What the routes in application.yml run through; the order of the filters is each filter's own. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = UpstreamLoadBalancing.class)
class GatewayConfiguration {

	/** Spring Cloud LoadBalancer's health check interval, which also bounds how long an instance stays suspect. */
	private final Duration healthCheckInterval;

	GatewayConfiguration(@Value("${spring.cloud.loadbalancer.health-check.interval}") Duration healthCheckInterval) {
		this.healthCheckInterval = healthCheckInterval;
	}

	@Bean
	GatewayErrors gatewayErrors(JsonMapper json, EcommerceProperties properties) {
		// An instance may be back by the next health check.
		return new GatewayErrors(json, properties.cors().allowedOrigins(), this.healthCheckInterval);
	}

	@Bean
	RequestLog requestLog(GatewayErrors errors) {
		return new RequestLog(errors);
	}

	@Bean
	SuspectInstances suspectInstances() {
		return new SuspectInstances(this.healthCheckInterval);
	}

	@Bean
	HealthCheckShutdown healthCheckShutdown(LoadBalancerClientFactory balancers) {
		return new HealthCheckShutdown(balancers);
	}

	@Bean
	UpstreamRetry upstreamRetry(SuspectInstances suspects, GatewayProperties properties) {
		return new UpstreamRetry(suspects, properties.maxAttempts(), properties.maxBodySize().toBytes());
	}

	@Bean
	WholeAnswers wholeAnswers(GatewayProperties properties,
			@Value("${spring.cloud.gateway.server.webflux.httpclient.response-timeout}") Duration responseTimeout) {
		return new WholeAnswers(properties.maxAnswerSize().toBytes(), responseTimeout, this.healthCheckInterval);
	}

	@Bean
	RedisRateLimiter redisRateLimiter(GatewayProperties properties) {
		GatewayProperties.RateLimit rateLimit = properties.rateLimit();
		return new RedisRateLimiter(rateLimit.replenishRate(), rateLimit.burstCapacity(), rateLimit.requestedTokens());
	}

	@Bean
	ClientKeys clientKeys(EcommerceProperties properties, WebClient.Builder web) {
		KeySet keys = new KeySet(web.build(), URI.create(properties.security().jwkSetUri()), Duration.ofSeconds(10));
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.security().issuer()));
		return new ClientKeys(decoder);
	}

	@Bean
	RateLimit rateLimit(RedisRateLimiter limiter, ClientKeys clients, GatewayProperties properties) {
		return new RateLimit(limiter, clients, properties.rateLimit());
	}

	/**
	 * While Redis is away, fail a rate-limit check at once instead of queueing it until the command time-out: the
	 * request then passes without delay.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** Lettuce backs off up to 30 s between reconnects; rate limiting would stay off that long after an outage. */
	@Bean
	ClientResourcesBuilderCustomizer redisReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

}
