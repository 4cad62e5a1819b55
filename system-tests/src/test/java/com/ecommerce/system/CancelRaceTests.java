package com.ecommerce.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer cancels an order while it is still being placed. Exactly one of the two wins: a won cancel leaves the
 * order cancelled with its stock back and nothing charged (or refunded); a lost one is 409 and the order stands.
 */
class CancelRaceTests {

	private static final int ROUNDS = 20;

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void cancelWhilePlacing() {
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(ROUNDS);
		Map<String, Integer> stock = new HashMap<>();
		int cancelsWon = 0;
		for (String customerId : customers) {
			String productId = this.shop.newProduct(3, 700);
			stock.put(productId, 3);
			CompletableFuture<Response> placing = CompletableFuture
				.supplyAsync(() -> this.shop.placeOrder(customerId, productId, 1, null));
			// The cancel comes a little later each round, so that it meets the flow at every step, from just
			// created to already completed.
			Response cancel = cancelFirstOrderOf(customerId, Duration.ofMillis(2L * (stock.size() - 1)));
			Response placed = placing.join();
			String orderId = placed.json().at("/data/orderId").asString();
			JsonNode order = this.shop.order(orderId);
			if (cancel.status() == 200) {
				cancelsWon++;
				assertThat(order.get("orderStatus").asString()).isEqualTo("cancelled");
				assertThat(cancel.json().at("/data/orderStatus").asString()).isEqualTo("cancelled");
			}
			else {
				assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
				assertThat(cancel.json().get("code").asString()).isEqualTo("INVALID_STATE");
				assertThat(order.get("orderStatus").asString()).isIn("completed", "failed");
			}
			// The placing call reports what the order became, whoever won.
			assertThat(placed.status()).as(placed.body()).isIn(201, 202);
		}
		Invariants.Report report = new Invariants(this.shop).await(customers, stock, Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(ROUNDS);
		System.out.println("cancel won " + cancelsWon + " of " + ROUNDS + " races: " + report.byStatus());
	}

	/** Finds the customer's order as soon as it exists (it is listed while still pending), cancels it after delay. */
	private Response cancelFirstOrderOf(String customerId, Duration delay) {
		String orderId = Eventually.within(Duration.ofSeconds(30), Duration.ofMillis(2), () -> {
			JsonNode orders = this.shop.orders.get("/api/v1/orders?customerId=" + customerId).json().get("data");
			return orders.isEmpty() ? null : orders.get(0).get("orderId").asString();
		});
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return this.shop.orders.post("/api/v1/orders/" + orderId + "/cancel", """
				{"reason": "changed my mind"}""");
	}

}
