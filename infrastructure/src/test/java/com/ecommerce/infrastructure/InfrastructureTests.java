package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Servers named in the environment are used as they are, and nothing is started for them. */
class InfrastructureTests {

	@Test
	void usesTheServersNamedInTheEnvironment() {
		Map<String, String> env = Map.of(
				"MONGODB_URI", "mongodb://127.0.0.1:27999/?connectTimeoutMS=100",
				"REDIS_HOST", "127.0.0.1",
				"REDIS_PASSWORD", "secret",
				"RABBITMQ_URI", "amqp://app:pa%40ss@127.0.0.1:15999/shop");

		Infrastructure infrastructure = new Infrastructure(env::get, "containers");

		assertThat(infrastructure.mongo()).isEqualTo(new MongoEndpoint("mongodb://127.0.0.1:27999/?connectTimeoutMS=100"));
		assertThat(infrastructure.redis()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379, "secret"));
		assertThat(infrastructure.amqp()).isEqualTo(new AmqpEndpoint("127.0.0.1", 15999, "app", "pa@ss", "shop", false));
		assertThat(Ports.isListening("127.0.0.1", 27999)).isFalse();
	}

	@Test
	void redisPortComesFromRedisPort() {
		Infrastructure infrastructure = new Infrastructure(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", "16999")::get, "auto");

		assertThat(infrastructure.redis()).isEqualTo(new RedisEndpoint("127.0.0.1", 16999, null));
		assertThat(infrastructure.redis().hasPassword()).isFalse();
	}

	@Test
	void resolvesEachServerOnceAndOnFirstUse() {
		EmbeddedRedis spare = EmbeddedRedis.inMemory(0);
		Infrastructure infrastructure = new Infrastructure(name -> null, "auto");

		RedisEndpoint first = infrastructure.redis();
		RedisEndpoint second = infrastructure.redis();

		assertThat(second).isSameAs(first);
		assertThat(first.host()).isEqualTo("127.0.0.1");
		assertThat(first.port()).isNotEqualTo(spare.port());
		assertThat(Ports.isListening(first.host(), first.port())).isTrue();
	}

	@Test
	void rejectsAnUnknownMode() {
		assertThatThrownBy(() -> new Infrastructure(name -> null, "docker"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("infrastructure.mode");
	}

	@Test
	void readsRabbitMqUrisAsRabbitMqClientsDo() {
		assertThat(AmqpEndpoint.parse("amqp://127.0.0.1"))
				.isEqualTo(new AmqpEndpoint("127.0.0.1", 5672, "guest", "guest", "/", false));
		assertThat(AmqpEndpoint.parse("amqp://guest:guest@127.0.0.1:5672/"))
				.isEqualTo(new AmqpEndpoint("127.0.0.1", 5672, "guest", "guest", "/", false));
		assertThat(AmqpEndpoint.parse("amqp://u:p@127.0.0.1:5673/%2F").virtualHost()).isEqualTo("/");
		assertThat(AmqpEndpoint.parse("amqps://u:p@127.0.0.1/prod"))
				.isEqualTo(new AmqpEndpoint("127.0.0.1", 5671, "u", "p", "prod", true));
		assertThat(AmqpEndpoint.parse("amqp://u:p%2B1@127.0.0.1:5673/a%2Fb").uri()).isEqualTo("amqp://u:p%2B1@127.0.0.1:5673/a%2Fb");
		assertThatThrownBy(() -> AmqpEndpoint.parse("http://127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
	}
}
