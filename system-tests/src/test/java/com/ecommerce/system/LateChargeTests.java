package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A charge slower than the recovery time-out: whoever gives up on the order (the recovery job, or the customer who
 * cancels), the charge that completes afterwards takes no money — payment-service refunds a charge that ends past
 * its deadline — and the stock comes back.
 */
class LateChargeTests {

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void aChargeThatEndsAfterTheOrderWasGivenUpIsRefundedWhetherRecoveryOrACancelGaveUp() {
		Duration timeout = StackControl.recoveryTimeout();
		List<String> customers = this.shop.newCustomers(3);
		String product = this.shop.newProduct(10, 2500);
		String latency = String.valueOf(timeout.plusSeconds(2).toMillis());
		Eventually.placed(this.shop, customers.get(2), product); // one order that completes, for the invariants

		StackControl.restartedWith("payment-service", "PAYMENT_LATENCY_MS", latency, () -> {
			// Both at once: the time-outs of one must not open the circuit before the other's charge is sent.
			CompletableFuture<String> first = CompletableFuture
				.supplyAsync(() -> placedWhileTheChargeRuns(customers.get(0), product));
			String cancelled = placedWhileTheChargeRuns(customers.get(1), product);
			String recovered = first.join();
			ApiClient.Response cancel = this.shop.orders.post("/api/v1/orders/" + cancelled + "/cancel", "{}");
			assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

			// Both charges end (past their deadlines) and are refunded; recovery fails the first order meanwhile.
			Eventually.within(timeout.plusSeconds(60), Duration.ofSeconds(1),
					() -> (failed(recovered) && chargedAndRefunded(recovered) && chargedAndRefunded(cancelled)) ? true
							: null);
		});

		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(product, 10),
				Duration.ofSeconds(30));
		assertThat(report.violations()).isEmpty();
		assertThat(report.byStatus()).containsEntry("completed", 1).containsEntry("cancelled", 1);
	}

	private boolean failed(String orderId) {
		return this.shop.order(orderId).get("orderStatus").asString().equals("failed");
	}

	private boolean chargedAndRefunded(String orderId) {
		List<JsonNode> payments = this.shop.paymentsOf(orderId);
		return !payments.isEmpty()
				&& payments.stream().allMatch((payment) -> payment.get("status").asString().equals("refunded"));
	}

	/**
	 * An order whose charge is still running when order-service stops waiting for it: 202, processing. A 503 (the
	 * circuit to payment-service opened by the recovery job's calls while it restarted; nothing reserved or charged)
	 * is tried again, as a client would.
	 */
	private String placedWhileTheChargeRuns(String customer, String product) {
		ApiClient.Response placed = Eventually.within(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
			ApiClient.Response answer = this.shop.placeOrder(customer, product, 1, null);
			return (answer.status() == 503) ? null : answer;
		});
		assertThat(placed.status()).as(placed.body()).isEqualTo(202);
		return placed.json().at("/data/orderId").asString();
	}

}
