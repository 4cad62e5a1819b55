package com.ecommerce.infrastructure;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.ecommerce.infrastructure.WithInfrastructure.Service;

/**
 * The Spring Boot 4 connection properties of the requested servers, starting them on first need. Used by
 * {@link WithInfrastructure} for a test's own context, and directly by tests that run further applications in their
 * JVM (order-service runs the services it calls).
 */
public final class InfrastructureProperties {

	private InfrastructureProperties() {
	}

	/** With MongoDB, a database of its own that no other context uses. */
	public static Map<String, Object> of(Set<Service> services) {
		return of(Infrastructure.get(), services);
	}

	static Map<String, Object> of(Infrastructure infrastructure, Set<Service> services) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (services.contains(Service.MONGODB)) {
			properties.put("spring.mongodb.uri", infrastructure.mongo().uri());
			properties.put("spring.mongodb.database", uniqueDatabaseName());
		}
		if (services.contains(Service.REDIS)) {
			RedisEndpoint redis = infrastructure.redis();
			properties.put("spring.data.redis.host", redis.host());
			properties.put("spring.data.redis.port", redis.port());
			if (redis.hasPassword()) {
				properties.put("spring.data.redis.password", redis.password());
			}
		}
		if (services.contains(Service.RABBITMQ)) {
			AmqpEndpoint amqp = infrastructure.amqp();
			// addresses wins over host/port in Boot, so an application.yml that sets it must not
			// send the tests to another broker.
			properties.put("spring.rabbitmq.addresses", amqp.host() + ":" + amqp.port());
			properties.put("spring.rabbitmq.host", amqp.host());
			properties.put("spring.rabbitmq.port", amqp.port());
			properties.put("spring.rabbitmq.username", amqp.username());
			properties.put("spring.rabbitmq.password", amqp.password());
			properties.put("spring.rabbitmq.virtual-host", amqp.virtualHost());
			properties.put("spring.rabbitmq.ssl.enabled", amqp.ssl());
		}
		return properties;
	}

	private static String uniqueDatabaseName() {
		return "test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

}
