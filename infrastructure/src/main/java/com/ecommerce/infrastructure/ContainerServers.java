package com.ecommerce.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The servers docker compose runs (mongo:7, redis:7, rabbitmq:3.13), from Testcontainers. The
 * only class that touches Testcontainers: it is loaded in containers mode only, where the service
 * module's test classpath has the jars (parent pom, profile {@code containers}).
 */
final class ContainerServers implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ContainerServers.class);

	private MongoDBContainer mongo;
	private GenericContainer<?> redis;
	private RabbitMQContainer rabbit;

	synchronized MongoEndpoint mongo() {
		if (mongo == null) {
			mongo = new MongoDBContainer("mongo:7");
			mongo.start();
			log.info("MongoDB container at {}", mongo.getConnectionString());
		}
		return new MongoEndpoint(mongo.getConnectionString());
	}

	synchronized RedisEndpoint redis() {
		if (redis == null) {
			redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
			redis.start();
			log.info("Redis container at {}:{}", redis.getHost(), redis.getMappedPort(6379));
		}
		return new RedisEndpoint(redis.getHost(), redis.getMappedPort(6379), null);
	}

	synchronized AmqpEndpoint amqp() {
		if (rabbit == null) {
			rabbit = new RabbitMQContainer("rabbitmq:3.13-management");
			rabbit.start();
			log.info("RabbitMQ container at {}:{}", rabbit.getHost(), rabbit.getAmqpPort());
		}
		return new AmqpEndpoint(rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(),
				rabbit.getAdminPassword(), "/", false);
	}

	@Override
	public synchronized void close() {
		if (rabbit != null) {
			rabbit.stop();
		}
		if (redis != null) {
			redis.stop();
		}
		if (mongo != null) {
			mongo.stop();
		}
	}
}
