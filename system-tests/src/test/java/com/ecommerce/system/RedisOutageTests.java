package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis (locks, caches) stopped: placing an order answers within 3 s, 503 or success, never hangs; then recovers. */
class RedisOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(3)
	void ordersAnswerQuicklyWhileRedisIsDownAndFlowAgainAfter() {
		StackControl.assumeOwned("redis", "Redis");
		String customerId = this.shop.newCustomer();
		String productId = this.shop.newProduct(20, 900);

		StackControl.stopped("redis").during(() -> {
			for (int i = 0; i < 5; i++) {
				long begin = System.nanoTime();
				Response answer = this.shop.placeOrder(customerId, productId, 1, null);
				Duration took = Duration.ofNanos(System.nanoTime() - begin);
				assertThat(took).as("order %d answered %d in %d ms", i, answer.status(), took.toMillis())
					.isLessThan(Duration.ofSeconds(3));
				// Redis is not on the order path: only the caches miss it, and reads go to MongoDB instead.
				assertThat(answer.status()).as(answer.body()).isEqualTo(201);
			}
		});

		Response placed = Eventually.placed(this.shop, customerId, productId);
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");

		Invariants.Report report = new Invariants(this.shop).await(List.of(customerId), Map.of(productId, 20),
				Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
	}

}
