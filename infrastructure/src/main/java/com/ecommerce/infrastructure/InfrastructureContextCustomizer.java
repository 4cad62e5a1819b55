package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import com.ecommerce.infrastructure.WithInfrastructure.Service;

/**
 * Adds the Spring Boot 4 connection properties of the requested servers to a test context,
 * starting the servers on first need.
 *
 * <p>Equal for equal sets of services, so Spring's context cache still shares one context among
 * test classes that ask for the same servers and have the same configuration otherwise.
 */
final class InfrastructureContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "infrastructure";

	private final Set<Service> services;

	private final boolean ownRedis;

	InfrastructureContextCustomizer(Set<Service> services, boolean ownRedis) {
		this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
		this.ownRedis = ownRedis;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Map<String, Object> properties = new HashMap<>(InfrastructureProperties.of(services));
		properties.putAll(TestAuthority.properties());
		if (ownRedis) {
			EmbeddedRedis redis = ownRedis(context);
			properties.put("spring.data.redis.host", redis.host());
			properties.put("spring.data.redis.port", redis.port());
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		// Above application.yml and the environment (which may name other servers), but below what
		// the test itself sets with @SpringBootTest(properties = ...) or @TestPropertySource.
		String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
		if (sources.contains(inlined)) {
			sources.addAfter(inlined, source);
		} else {
			sources.addFirst(source);
		}
		context.getBeanFactory().registerSingleton("apiClient", ApiClient.forLocalServer(context.getEnvironment()));
	}

	Set<Service> services() {
		return services;
	}

	/** A Redis on disk for this context alone, a bean for the test to stop and start, stopped with the context. */
	private static EmbeddedRedis ownRedis(ConfigurableApplicationContext context) {
		EmbeddedRedis redis;
		try {
			redis = EmbeddedRedis.onDisk(Files.createTempDirectory("own-redis"), 0).start();
		} catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		context.getBeanFactory().registerSingleton("ownRedis", redis);
		((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("ownRedis", redis::stop);
		return redis;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof InfrastructureContextCustomizer customizer && services.equals(customizer.services)
				&& ownRedis == customizer.ownRedis;
	}

	@Override
	public int hashCode() {
		return services.hashCode() * 31 + Boolean.hashCode(ownRedis);
	}

	@Override
	public String toString() {
		return "WithInfrastructure" + services + (ownRedis ? " with its own Redis" : "");
	}
}
