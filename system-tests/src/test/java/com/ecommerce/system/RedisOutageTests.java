package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Redis (locks, caches) stopped: placing an order answers within 3 s, 503 or success, never hangs; then recovers. */
class RedisOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	// Per test, not per class: each skipped repetition is then reported, with the reason, where CI looks.
	@BeforeEach
	void theStackOwnsRedis() {
		assumeTrue(StackControl.owns("redis"), "Redis is not the stack's own: run STACK_INFRA=embedded scripts/stack up");
	}

	@RepeatedTest(3)
	void ordersAnswerQuicklyWhileRedisIsDownAndFlowAgainAfter() {
		String customerId = this.shop.newCustomer();
		String productId = this.shop.newProduct(20, 900);

		StackControl.stop("redis");
		try {
			for (int i = 0; i < 5; i++) {
				long begin = System.nanoTime();
				Response answer = this.shop.placeOrder(customerId, productId, 1, null);
				Duration took = Duration.ofNanos(System.nanoTime() - begin);
				assertThat(took).as("order %d answered %d in %d ms", i, answer.status(), took.toMillis())
					.isLessThan(Duration.ofSeconds(3));
				assertThat(answer.status()).as(answer.body()).isIn(201, 503);
				if (answer.status() == 503) {
					assertThat(answer.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
					assertThat(answer.header("Retry-After")).isNotBlank();
				}
			}
		}
		finally {
			StackControl.start("redis");
		}

		Response placed = Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
			Response answer = this.shop.placeOrder(customerId, productId, 1, null);
			return answer.status() == 201 ? answer : null;
		});
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");

		Invariants.Report report = new Invariants(this.shop).await(List.of(customerId), Map.of(productId, 20),
				Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
	}

}
