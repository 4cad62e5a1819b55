package com.ecommerce.system;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.infrastructure.ApiClient.Response;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service frozen (SIGSTOP) while an order reserves stock, for longer than order-service waits, then resumed
 * (SIGCONT): the reserve and the release order-service sent meanwhile reach it late, in either order. Whichever runs
 * first, no unit stays held: a release that comes first leaves a tombstone, so the late reserve is refused.
 */
class ProductFreezeTests {

	private static final int FREEZES = 10;

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void aReserveThatArrivesLateNeverHoldsStock() {
		List<String> customers = new ArrayList<>(this.shop.newCustomers(2 * FREEZES));
		String productId = this.shop.newProduct(100, 700);
		for (int freeze = 0; freeze < FREEZES; freeze++) {
			// Served before each freeze (the circuit closed again), so that each one meets an order mid-flight.
			Eventually.placed(this.shop, customers.get(2 * freeze), productId);
			String customer = customers.get(2 * freeze + 1);
			StackControl.frozen("product-service").during(() -> {
				assertError(placeWaitingLong(customer, productId), 503, "SERVICE_UNAVAILABLE");
			});
		}

		// A release still owed (it timed out too) is the recovery job's, after its time-out.
		Duration patience = StackControl.recoveryTimeout().plusSeconds(60);
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100), patience);
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isEqualTo(FREEZES);
		assertThat(report.count("failed")).isGreaterThanOrEqualTo(FREEZES);
	}

	/**
	 * The order, waiting as long as order-service may take to give up: three attempts at the reserve and two at the
	 * release (after which the circuit opens), each as long as a call's read time-out, more than a client's usual 30 s.
	 */
	private Response placeWaitingLong(String customer, String productId) {
		return this.shop.orders.send(this.shop.orders.request("/api/v1/orders")
			.timeout(Duration.ofSeconds(90))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Shop.orderJson(customer, productId, 1))));
	}

}
