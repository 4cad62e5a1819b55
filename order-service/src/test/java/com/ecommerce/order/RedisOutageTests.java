package com.ecommerce.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;


import org.springframework.beans.factory.annotation.Autowired;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without Redis the customer lock can't be taken: orders answer 503 quickly, never hang, and nothing is reserved;
 * when Redis is back, orders go through again. Owns its Redis to stop it.
 */
@WithInfrastructure(value = Service.MONGODB, ownRedis = true)
class RedisOutageTests extends AgainstRealServices {

	@Autowired
	EmbeddedRedis redis;

	@Test
	void ordersAnswer503FastWhileRedisIsDownAndGoThroughWhenItIsBack() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 5);
		assertThat(this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1)).status()).isEqualTo(201);
		this.redis.stop();
		try {
			long started = System.nanoTime();
			ApiClient.Response answer = this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertError(answer, 503, "SERVICE_UNAVAILABLE");
			assertThat(answer.header("Retry-After")).isNotNull();
			assertThat(this.services.stock(product)).isEqualTo(4);
		}
		finally {
			this.redis.start();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1)).status())
			.isEqualTo(201));
		assertThat(this.services.stock(product)).isEqualTo(3);
	}

}
