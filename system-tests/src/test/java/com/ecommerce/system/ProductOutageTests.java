package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service stopped: orders are refused quickly with 503 and {@code Retry-After}, nothing is left reserved, the
 * circuit breaker opens so that order-service stops calling; after the restart the circuit closes and orders go
 * through again.
 */
class ProductOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(3)
	void ordersAreRefusedWhileProductServiceIsDownAndFlowAgainAfter() {
		String customerId = this.shop.newCustomer();
		String productId = this.shop.newProduct(20, 900);
		assertThat(CircuitBreakers.state("product-service")).isEqualTo("closed");

		StackControl.stopped("product-service").during(() -> {
			Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
				Response refused = this.shop.placeOrder(customerId, productId, 1, null);
				assertThat(refused.status()).as(refused.body()).isEqualTo(503);
				assertThat(refused.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
				return CircuitBreakers.state("product-service").equals("open") ? true : null;
			});
			// Open: refused at once, without a call to the stopped service.
			Response refused = this.shop.placeOrder(customerId, productId, 1, null);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isNotBlank();
		});

		Response placed = Eventually.placed(this.shop, customerId, productId);
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(CircuitBreakers.state("product-service")).isEqualTo("closed");

		Invariants.Report report = new Invariants(this.shop).await(List.of(customerId), Map.of(productId, 20),
				Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isEqualTo(1);
	}

}
