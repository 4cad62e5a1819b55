package com.ecommerce.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds {@code ecommerce-defaults.properties} behind every other property source: the seed's environment variables
 * mapped onto Spring Boot's settings, health groups, JSON and timeouts. A service's own application.yml and the
 * environment still win. (Redis Sentinel's variables, which the gateway reads too: shared-core's
 * {@link RedisSentinelSettings}.)
 */
public class SharedDefaults implements EnvironmentPostProcessor {

	static final String NAME = "ecommerceDefaults";

	static final int MANAGEMENT_PORT_OFFSET = 6000;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		try {
			PropertiesLoaderUtils.loadProperties(new ClassPathResource("ecommerce-defaults.properties"))
				.forEach((key, value) -> defaults.put((String) key, value));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// An empty password would still send AUTH, which a Redis without one refuses: map it only when given.
		String redisPassword = environment.getProperty("REDIS_PASSWORD");
		if (redisPassword != null && !redisPassword.isEmpty()) {
			defaults.put("spring.data.redis.password", redisPassword);
		}
		managementPort(environment).ifPresent((port) -> defaults.put("management.server.port", port));
		environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults));
	}

	/**
	 * Management endpoints ({@code /actuator/*}) listen on a port of their own, never the API's: the API port is the one
	 * published to clients, the management port stays on the internal network for scrapers and operators. Unless
	 * {@code management.server.port} ({@code MANAGEMENT_SERVER_PORT}) says otherwise: the API port + 6000 (3001 → 9001),
	 * or a random one when the API port is random (tests).
	 */
	static Optional<Integer> managementPort(ConfigurableEnvironment environment) {
		if (environment.containsProperty("management.server.port")) {
			return Optional.empty();
		}
		Integer api = environment.getProperty("server.port", Integer.class, 8080);
		return Optional.of((api <= 0) ? 0 : api + MANAGEMENT_PORT_OFFSET);
	}

}
