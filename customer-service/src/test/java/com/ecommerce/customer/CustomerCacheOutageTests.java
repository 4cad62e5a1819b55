package com.ecommerce.customer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache is only an optimisation: with Redis down, customers are served from MongoDB, and when Redis comes back
 * with the copy it had before the outage, that copy is never served. This test owns a Redis that keeps its data
 * across a restart, as a real one with persistence does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ecommerce.cache.pause-after-failure=1s")
@WithInfrastructure(value = Service.MONGODB, ownRedis = true)
class CustomerCacheOutageTests {

	@Autowired
	EmbeddedRedis redis;

	@Autowired
	ApiClient api;

	@Autowired
	StringRedisTemplate template;

	@Test
	void aWriteMadeWhileRedisIsDownIsNeverHiddenByTheCopyRedisComesBackWith() {
		String id = this.api.post("/api/v1/customers", CustomerBodies.valid("outage-" + System.nanoTime() + "@example.com"))
			.json()
			.at("/data/customerId")
			.asString();
		assertThat(this.api.get("/api/v1/customers/" + id).status()).isEqualTo(200);
		assertThat(this.template.opsForValue().get("customer:" + id)).startsWith("1|");

		this.redis.stop();
		try {
			assertThat(this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"Changed\"}").status()).isEqualTo(200);
			assertThat(this.api.get("/api/v1/customers/" + id).json().at("/data/firstName").asString()).isEqualTo("Changed");
		}
		finally {
			this.redis.start();
		}
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions() // while the client reconnects
			.untilAsserted(() -> assertThat(this.template.opsForValue().get("customer:" + id)).as("Redis kept its old copy")
				.startsWith("1|"));

		// Until the cache holds version 2 again, every read must still answer with the change.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.api.get("/api/v1/customers/" + id).json().at("/data/firstName").asString()).isEqualTo("Changed");
			assertThat(this.template.opsForValue().get("customer:" + id)).startsWith("2|");
		});
	}

}
