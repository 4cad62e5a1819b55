package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

class EmbeddedRedisTests {

	private EmbeddedRedis redis;

	@AfterEach
	void tearDown() {
		if (redis != null) {
			redis.stop();
		}
	}

	@Test
	void setsAndGetsValues() {
		redis = EmbeddedRedis.inMemory(0).start();

		String value = withRedis(redis, commands -> {
			commands.set("lock:order:customer:c1", "owner-1");
			return commands.get("lock:order:customer:c1");
		});

		assertThat(value).isEqualTo("owner-1");
		assertThat(redis.isRunning()).isTrue();
		assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
	}

	@Test
	void withoutDataDirectoryNothingSurvivesAStop() {
		redis = EmbeddedRedis.inMemory(0).start();
		withRedis(redis, commands -> commands.set("k", "v"));

		redis.stop();
		assertThat(Ports.isListening("127.0.0.1", redis.port())).isFalse();
		redis.start();

		String value = withRedis(redis, commands -> commands.get("k"));

		assertThat(value).isNull();
	}

	@Test
	void dataDirectoryKeepsDataAcrossRestarts(@TempDir Path dir) {
		Path data = dir.resolve("redis");
		redis = EmbeddedRedis.onDisk(data, 0).start();
		withRedis(redis, commands -> commands.set("customer:c1", "{\"name\":\"Ada\"}"));
		redis.stop();

		redis = EmbeddedRedis.onDisk(data, 0).start();

		String value = withRedis(redis, commands -> commands.get("customer:c1"));

		assertThat(value).isEqualTo("{\"name\":\"Ada\"}");
		assertThat(Files.exists(data.resolve("appendonlydir"))).isTrue();
	}

	private static <T> T withRedis(EmbeddedRedis server, Function<RedisCommands<String, String>, T> work) {
		RedisClient client = RedisClient.create(server.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return work.apply(connection.sync());
		} finally {
			client.shutdown();
		}
	}
}
