package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new version rolled out the way Kubernetes does it: every instance of every service restarted gracefully, one at
 * a time, while shoppers keep ordering through the api-gateway. An instance on its way out says it is not ready,
 * drains, stops taking messages, finishes what it is doing, then stops; the gateway and order-service's clients move
 * to the other instance meanwhile, and a call that found no one listening is sent to the other. No client sees an
 * error, and the orders add up. Needs {@code scripts/stack up --replicas 2}.
 */
@Tag("replicas")
class RollingRestartTests {

	private final Shop shop = Shop.throughGateway();

	@Test
	void aRollingRestartUnderLoadFailsNoRequest() {
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(40);
		String productId = this.shop.newProduct(100_000, 1500);

		List<OrderLoad.Placed> answers;
		int answeredBefore;
		try (SteadyLoad load = new SteadyLoad(this.shop, customers, productId, 3, Duration.ofMillis(100))) {
			Eventually.within(Duration.ofSeconds(30), () -> (load.answered() >= 10) ? true : null);
			answeredBefore = load.answered();
			StackControl.rollingRestart();
			answers = load.stop();
		}

		assertThat(answers.size() - answeredBefore).as("orders placed during the rolling restart").isGreaterThan(50);
		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isEqualTo(201));
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100_000),
				Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(answers.size());
		System.out.println("rolling restart: " + answers.size() + " orders, " + report.byStatus());
	}

}
