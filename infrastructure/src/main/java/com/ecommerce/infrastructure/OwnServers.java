package com.ecommerce.infrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For tests that own a server to stop and start it, rather than share the one {@link WithInfrastructure} gives: points
 * the test's Spring context at it. (Kept out of the server classes, which local-stack runs without spring-test.)
 */
public final class OwnServers {

	private OwnServers() {
	}

	public static void redis(DynamicPropertyRegistry registry, EmbeddedRedis redis) {
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
	}

}
