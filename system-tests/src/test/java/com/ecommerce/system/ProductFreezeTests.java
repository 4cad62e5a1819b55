package com.ecommerce.system;

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
				Response refused = this.shop.placeOrder(customer, productId, 1, null);
				assertError(refused, 503, "SERVICE_UNAVAILABLE");
			});
		}

		// A release still owed (it timed out too) is the recovery job's, after its time-out.
		Duration patience = StackControl.recoveryTimeout().plusSeconds(60);
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100), patience);
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isEqualTo(FREEZES);
		assertThat(report.count("failed")).isGreaterThanOrEqualTo(FREEZES);
	}

}
