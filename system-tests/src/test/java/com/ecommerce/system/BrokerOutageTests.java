package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ stopped in the middle of 100 orders: orders go on (payments keep their events in an outbox), and once the
 * broker is back every completed payment reaches the worker's history.
 */
class BrokerOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	@RepeatedTest(3)
	void everyCompletedPaymentReachesTheHistoryAfterTheBrokerReturns() {
		StackControl.assumeOwned("rabbitmq", "RabbitMQ");
		List<String> customers = this.shop.newCustomers(100);
		String productId = this.shop.newProduct(100, 1500);

		// At least 20 orders are placed from start to end while the broker is down.
		List<OrderLoad.Placed> answers = new OrderLoad(this.shop, customers, productId, 8)
			.finishAcross(StackControl.stopped("rabbitmq"), 20);

		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isEqualTo(201));
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100),
				Duration.ofSeconds(90));
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(100);
	}

}
