package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service killed (SIGKILL) in the middle of a load of 8 clients, sagas half done, then started again: the
 * recovery job drives every order it had recorded to an end by what payment-service knows of it, with stock and
 * payments agreeing — none charged without being completed, none completed twice, no unit left reserved.
 */
class OrderServiceCrashTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(2)
	void everyOrderInFlightWhenOrderServiceDiesEndsAfterItRestarts() {
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(100);
		String productId = this.shop.newProduct(100, 2100);

		// Clients that got no answer try their next order 3 s later, so that there are orders after the restart.
		List<OrderLoad.Placed> answers = new OrderLoad(this.shop, customers, productId, 8, true)
			.finishAcross(StackControl.killed("order-service"), 15);

		// 201 before and after; a cut connection (0) for the orders in flight, refused ones while it was down.
		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isIn(0, 201, 202));
		assertThat(answers).filteredOn((placed) -> placed.status() == 0).isNotEmpty();
		assertThat(answers.getLast().status()).as("orders go on after the restart").isEqualTo(201);
		Duration patience = StackControl.recoveryTimeout().plusSeconds(60);
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100), patience);
		assertThat(report.violations()).isEmpty();
		System.out.println("after the crash: " + report.byStatus() + " of " + report.orders() + " recorded");
	}

}
