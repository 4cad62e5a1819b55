package com.ecommerce.shared.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import com.ecommerce.shared.messaging.QueueType;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment variables of a deployment, mapped onto Spring Boot's and shared-lib's settings. */
class SharedDefaultsTests {

	/** Sentinel's variables: shared-core's RedisSentinelSettings. */
	@Test
	void redisIsTheOneAtRedisHostWithItsPasswordWhenGiven() {
		MockEnvironment environment = withDefaults(new MockEnvironment().withProperty("REDIS_HOST", "cache")
			.withProperty("REDIS_PASSWORD", "secret"));

		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("cache");
		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("secret");
		assertThat(withDefaults(new MockEnvironment().withProperty("REDIS_PASSWORD", ""))
			.containsProperty("spring.data.redis.password")).isFalse();
	}

	@Test
	void queueTypeAndDrainComeFromTheEnvironment() {
		MockEnvironment defaults = withDefaults(new MockEnvironment());
		assertThat(Binder.get(defaults).bind("ecommerce.messaging.queue-type", QueueType.class).get())
			.isEqualTo(QueueType.AUTO);
		assertThat(Binder.get(defaults).bind("ecommerce.shutdown.drain", Duration.class).get())
			.isEqualTo(Duration.ofSeconds(5));

		MockEnvironment set = withDefaults(
				new MockEnvironment().withProperty("RABBITMQ_QUEUE_TYPE", "classic").withProperty("SHUTDOWN_DRAIN", "0"));
		assertThat(Binder.get(set).bind("ecommerce.messaging.queue-type", QueueType.class).get())
			.isEqualTo(QueueType.CLASSIC);
		assertThat(Binder.get(set).bind("ecommerce.shutdown.drain", Duration.class).get()).isZero();
	}

	/** RABBITMQ_URI may name a cluster's nodes: Boot connects to the first that answers, as the first's user. */
	@Test
	void aRabbitMqClusterIsAListOfAddresses() {
		MockEnvironment environment = withDefaults(new MockEnvironment().withProperty("RABBITMQ_URI",
				"amqp://app:pw@rabbit-0:5672,amqp://app:pw@rabbit-1:5672,amqp://app:pw@rabbit-2:5672"));
		RabbitProperties rabbit = Binder.get(environment).bind("spring.rabbitmq", RabbitProperties.class).get();
		assertThat(rabbit.determineAddresses()).containsExactly("rabbit-0:5672", "rabbit-1:5672", "rabbit-2:5672");
		assertThat(rabbit.determineUsername()).isEqualTo("app");
	}

	/** A replica set's URI reaches the driver as it is: the hosts and the set's name are the driver's business. */
	@Test
	void aMongoDbReplicaSetIsJustItsUri() {
		String uri = "mongodb://app:pw@mongo-0:27017,mongo-1:27017,mongo-2:27017/ecommerce?replicaSet=rs0";
		assertThat(withDefaults(new MockEnvironment().withProperty("MONGODB_URI", uri)).getProperty("spring.mongodb.uri"))
			.isEqualTo(uri);
	}

	private static MockEnvironment withDefaults(MockEnvironment environment) {
		new SharedDefaults().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
