package com.ecommerce.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;


import org.springframework.beans.factory.annotation.Autowired;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is not on the order path: with it down (the product and customer services then read MongoDB instead of their
 * caches), orders are placed and completed as usual. Owns its Redis to stop it.
 */
@WithInfrastructure(value = Service.MONGODB, ownRedis = true)
class RedisOutageTests extends AgainstRealServices {

	@Autowired
	EmbeddedRedis redis;

	@Test
	void ordersCompleteWhileRedisIsDown() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 5);
		assertThat(this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1)).status()).isEqualTo(201);
		this.redis.stop();
		try {
			long started = System.nanoTime();
			ApiClient.Response answer = this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertThat(answer.status()).as(answer.body()).isEqualTo(201);
			assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("completed");
			assertThat(this.services.stock(product)).isEqualTo(3);
		}
		finally {
			this.redis.start();
		}
	}

}
