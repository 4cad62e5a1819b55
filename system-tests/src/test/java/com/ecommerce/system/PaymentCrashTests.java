package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service killed (SIGKILL) while orders are placed, then started again: every order ends completed or failed
 * within the recovery timeout, with stock and payments agreeing — none charged without being completed, none
 * completed without a charge, no unit sold twice or left reserved.
 */
class PaymentCrashTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(3)
	void everyOrderSettlesAfterPaymentServiceCrashes() {
		List<String> customers = this.shop.newCustomers(60);
		String productId = this.shop.newProduct(60, 3300);

		// Orders placed while it is down are refused, or wait for recovery.
		List<OrderLoad.Placed> answers = new OrderLoad(this.shop, customers, productId, 8)
			.finishAcross(StackControl.killed("payment-service"), 15);

		// 201 completed/failed, 202 while the payment's fate was unknown, 503 when payment-service was down.
		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isIn(201, 202, 503));
		// Recovery looks at orders untouched for the recovery timeout, every few seconds.
		Duration patience = StackControl.recoveryTimeout().plusSeconds(60);
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 60), patience);
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(60);
		System.out.println("after the crash: " + report.byStatus());
	}

}
