package com.ecommerce.shared.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A Redis behind Sentinel (the highly available set-up), for the services and the gateway alike:
 * {@code REDIS_SENTINEL_MASTER}, the name the sentinels know the master by, and {@code REDIS_SENTINEL_NODES},
 * {@code host:port,host:port} of the sentinels, become {@code spring.data.redis.sentinel.*}. Only when both are
 * given, since Boot uses Sentinel as soon as its settings are there; {@code REDIS_HOST} and {@code REDIS_PORT} are
 * then left unused, and {@code REDIS_PASSWORD} is the data nodes' password as before. Behind every other property
 * source, so an application's own settings still win.
 */
public class RedisSentinelSettings implements EnvironmentPostProcessor {

	static final String NAME = "ecommerceRedisSentinel";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> settings = settings(environment);
		if (!settings.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(NAME, settings));
		}
	}

	static Map<String, Object> settings(ConfigurableEnvironment environment) {
		String master = environment.getProperty("REDIS_SENTINEL_MASTER");
		String nodes = environment.getProperty("REDIS_SENTINEL_NODES");
		if (master == null || master.isBlank() || nodes == null || nodes.isBlank()) {
			return Map.of();
		}
		return Map.of("spring.data.redis.sentinel.master", master.trim(), "spring.data.redis.sentinel.nodes",
				nodes.trim());
	}

}
