package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RabbitMQ stopped in the middle of 100 orders: orders go on (payments keep their events in an outbox), and once the
 * broker is back every completed payment reaches the worker's history.
 */
class BrokerOutageTests {

	private final Shop shop = Shop.fromEnvironment();

	// Per test, not per class: each skipped repetition is then reported, with the reason, where CI looks.
	@BeforeEach
	void theStackOwnsRabbitMq() {
		assumeTrue(StackControl.owns("rabbitmq"),
				"RabbitMQ is not the stack's own: run STACK_INFRA=embedded scripts/stack up");
	}

	@RepeatedTest(3)
	void everyCompletedPaymentReachesTheHistoryAfterTheBrokerReturns() {
		List<String> customers = this.shop.newCustomers(100);
		String productId = this.shop.newProduct(100, 1500);

		OrderLoad load = new OrderLoad(this.shop, customers, productId, 8);
		load.awaitAnswered(20);
		StackControl.stop("rabbitmq");
		try {
			// At least 20 orders are placed from start to end while the broker is down.
			load.awaitAnswered(Math.min(100, load.answered() + 20));
		}
		finally {
			StackControl.start("rabbitmq");
		}
		List<OrderLoad.Placed> answers = load.finish();

		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isEqualTo(201));
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100),
				Duration.ofSeconds(90));
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(100);
	}

}
