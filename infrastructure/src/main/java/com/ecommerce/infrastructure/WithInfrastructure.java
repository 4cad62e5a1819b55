package com.ecommerce.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context the MongoDB, Redis and RabbitMQ it needs: from the environment
 * ({@code MONGODB_URI}, {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASSWORD},
 * {@code RABBITMQ_URI}), from Testcontainers with {@code -Pcontainers}, or embedded in the test JVM.
 * Each context gets its own MongoDB database, so test classes with different contexts never see
 * each other's documents.
 *
 * <pre>
 * &#64;SpringBootTest(webEnvironment = RANDOM_PORT)
 * &#64;WithInfrastructure({MONGODB, REDIS})
 * class CustomerApiTests { ... }
 * </pre>
 *
 * @see InfrastructureContextCustomizerFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithInfrastructure {

	/** The servers the test needs; only these are started and configured. */
	Service[] value() default {Service.MONGODB, Service.REDIS, Service.RABBITMQ};

	/**
	 * A Redis of the context's own instead of the shared one, for tests that stop and start it (autowire
	 * {@link EmbeddedRedis}). It keeps its data on disk across a stop and start, as a real Redis with persistence
	 * does, and stops with the context.
	 */
	boolean ownRedis() default false;

	enum Service {
		MONGODB, REDIS, RABBITMQ
	}
}
