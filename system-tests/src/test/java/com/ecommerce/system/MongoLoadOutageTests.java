package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB stopped for 20 s in the middle of a load of 8 clients, then started: orders in flight at that moment (some
 * reserved, some charged) and orders refused meanwhile all end consistently, and orders complete again afterwards.
 * The clients wait the {@code Retry-After} of every 503, as the API asks, so the load lasts through the outage.
 */
class MongoLoadOutageTests {

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void ordersAroundAMongoDbOutageAllEndConsistently() {
		StackControl.assumeOwned("mongodb", "MongoDB");
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(100);
		String productId = this.shop.newProduct(100, 1900);

		OrderLoad load = new OrderLoad(this.shop, customers, productId, 8, true);
		load.awaitAnswered(20);
		StackControl.stopped("mongodb").lasting(OUTAGE);
		List<OrderLoad.Placed> answers = load.finish();

		// 201 before and after; 503 during the outage; 202 for an order charged just before its store went away.
		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isIn(201, 202, 503));
		assertThat(answers).filteredOn((placed) -> placed.status() == 503).isNotEmpty();
		assertThat(answers.subList(answers.size() - 8, answers.size()))
			.as("the last orders, placed once MongoDB was back")
			.anySatisfy((placed) -> assertThat(placed.status()).isEqualTo(201));
		Duration patience = StackControl.recoveryTimeout().plusSeconds(60);
		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 100), patience);
		assertThat(report.violations()).isEmpty();
		System.out.println("around the MongoDB outage: " + report.byStatus());
	}

}
