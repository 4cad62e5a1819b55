package com.ecommerce.system;

import java.time.Duration;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.RepeatedTest;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB stopped: every service answers 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After} (never a 500 or a
 * hang), its readiness probe says so while liveness stays up, and all serve again once MongoDB is back.
 */
class MongoOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(3)
	void everyServiceAnswers503WhileMongoDbIsDownAndServesAgainAfter() {
		StackControl.assumeOwned("mongodb", "MongoDB");
		String customerId = this.shop.newCustomer();
		Map<ApiClient, String> reads = Map.of(this.shop.customers, "/api/v1/customers?search=" + customerId,
				this.shop.products, "/api/v1/products?search=nothing-" + customerId, this.shop.orders,
				"/api/v1/orders?customerId=" + customerId, this.shop.payments,
				"/api/v1/payments?customerId=" + customerId, this.shop.transactions,
				"/api/v1/transactions?customerId=" + customerId);

		StackControl.stopped("mongodb").during(() -> {
			reads.forEach((service, path) -> {
				long begin = System.nanoTime();
				Response refused = service.get(path);
				assertError(refused, 503, "SERVICE_UNAVAILABLE");
				assertThat(refused.header("Retry-After")).as(path).isNotBlank();
				assertThat(Duration.ofNanos(System.nanoTime() - begin)).as(path).isLessThan(Duration.ofSeconds(10));
				assertThat(service.get("/readyz").status()).as(path).isEqualTo(503);
				assertThat(service.get("/healthz").status()).as(path).isEqualTo(200);
			});
			Response order = this.shop.placeOrder(customerId, "prod_001", 1, null);
			assertError(order, 503, "SERVICE_UNAVAILABLE");
		});

		reads.forEach((service, path) -> Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(500),
				() -> service.get(path).status() == 200 && service.get("/readyz").status() == 200 ? true : null));
		// Served again means orders complete again: order-service's circuit breakers, opened by the 503s its
		// downstreams answered meanwhile, have closed.
		String productId = this.shop.newProduct(5, 100);
		Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
			Response order = this.shop.placeOrder(customerId, productId, 1, null);
			return order.status() == 201 && order.json().at("/data/orderStatus").asString().equals("completed") ? true
					: null;
		});
	}

}
