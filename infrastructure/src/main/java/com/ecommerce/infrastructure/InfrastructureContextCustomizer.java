package com.ecommerce.infrastructure;

import java.util.EnumSet;
import java.util.Set;

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

	InfrastructureContextCustomizer(Set<Service> services) {
		this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, InfrastructureProperties.of(services));
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

	@Override
	public boolean equals(Object other) {
		return other instanceof InfrastructureContextCustomizer customizer && services.equals(customizer.services);
	}

	@Override
	public int hashCode() {
		return services.hashCode();
	}

	@Override
	public String toString() {
		return "WithInfrastructure" + services;
	}
}
