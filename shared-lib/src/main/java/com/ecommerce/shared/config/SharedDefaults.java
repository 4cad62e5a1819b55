package com.ecommerce.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds {@code ecommerce-defaults.properties} behind every other property source: the seed's environment variables
 * mapped onto Spring Boot's settings, health groups, JSON and timeouts. A service's own application.yml and the
 * environment still win.
 */
public class SharedDefaults implements EnvironmentPostProcessor {

	static final String NAME = "ecommerceDefaults";

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
		environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults));
	}

}
