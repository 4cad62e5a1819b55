package com.ecommerce.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.TestAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limit fails open: with Redis down every request passes, the log says so once per pause rather than once
 * per request, and the limit is back when Redis is.
 */
@GatewayTest
@TestPropertySource(properties = { "gateway.rate-limit.replenish-rate=1", "gateway.rate-limit.requested-tokens=60",
		"gateway.rate-limit.burst-capacity=180", "gateway.rate-limit.pause-after-failure=2s" })
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageTests {

	static final StubService upstream = StubService.start("any-service");

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		upstream.answerEveryRoute(registry);
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@Autowired
	ApiClient api;

	@Autowired
	EmbeddedRedis redis;

	@Test
	void withRedisDownRequestsPassAndTheLimitIsBackWithRedis(CapturedOutput output) {
		ApiClient client = this.api.withToken(TestAuthority.get().token("client-" + UUID.randomUUID()));
		assertThat(client.get("/api/v1/orders").status()).isEqualTo(200);

		this.redis.stop();
		long start = System.nanoTime();
		try {
			for (int i = 0; i < 12; i++) {
				assertThat(client.get("/api/v1/orders").status()).as("request %d", i).isEqualTo(200);
			}
		}
		finally {
			this.redis.start();
		}
		long pauses = 1 + Duration.ofNanos(System.nanoTime() - start).toMillis() / 2000;
		List<String> lines = output.getOut().lines().toList();
		assertThat(lines.stream().filter((line) -> line.contains("Redis did not answer")))
			.hasSizeBetween(1, (int) pauses);
		assertThat(lines).noneMatch((line) -> line.contains("\"level\":\"ERROR\""));

		// Three requests a minute again, counted anew or where Redis left off.
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> client.get("/api/v1/orders").status() == 429);
	}

}
