package com.ecommerce.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 orders left behind by a crashed order-service, and one more whose follow-up fails every time — product-service
 * answers 500 for its product, whose document a bad migration broke — all due together: the broken one never holds
 * up the others. The 50 end within two passes of the recovery job once order-service is back and their time-out has
 * passed; the broken one waits its back-off, and once its product is repaired it ends as well.
 */
class StuckFollowUpTests {

	private static final int LEFT_BEHIND = 50;

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void oneFollowUpFailingForEverNeverHoldsUpTheRecoveryOfTheOthers() {
		List<String> customers = this.shop.newCustomers(LEFT_BEHIND);
		String brokenCustomer = this.shop.newCustomer();
		String productId = this.shop.newProduct(LEFT_BEHIND, 900);
		String brokenProduct = this.shop.newProduct(5, 900);
		Instant due;
		Instant back;

		// Charges slow enough to kill order-service while all 51 are being charged, but inside their deadline (half
		// the recovery time-out), so that each one completes.
		String latency = String.valueOf(StackControl.recoveryTimeout().dividedBy(2).minusMillis(1500).toMillis());
		try (MongoClient mongo = MongoClients.create(StackControl.mongoUri())) {
			MongoCollection<Document> products = mongo.getDatabase(databaseOf(StackControl.mongoUri()))
				.getCollection("products");
			StackControl.restartedWith("payment-service", "PAYMENT_LATENCY_MS", latency, () -> {
				List<CompletableFuture<?>> placing = new ArrayList<>();
				customers.forEach((customer) -> placing.add(CompletableFuture.runAsync(
						() -> this.shop.placeOrder(customer, productId, 1, null), Thread::startVirtualThread)));
				placing.add(CompletableFuture.runAsync(() -> this.shop.placeOrder(brokenCustomer, brokenProduct, 1, null),
						Thread::startVirtualThread));
				List<String> all = new ArrayList<>(customers);
				all.add(brokenCustomer);
				Eventually.within(Duration.ofSeconds(60), () -> allProcessing(all) ? true : null);
				StackControl.killed("order-service").begin();
				products.updateOne(Filters.eq("_id", brokenProduct), Updates.set("price", "broken"));
				CompletableFuture.allOf(placing.toArray(CompletableFuture[]::new)).exceptionally((cut) -> null).join();
			});
		}
		// The orders were last changed before the crash, at the latest now: due once the recovery time-out is over.
		due = Instant.now().plus(StackControl.recoveryTimeout());
		StackControl.killed("order-service").end();
		back = Instant.now();

		Instant start = due.isAfter(back) ? due : back;
		Map<String, Integer> stock = Map.of(productId, LEFT_BEHIND);
		Invariants invariants = new Invariants(this.shop);
		Invariants.Report report = invariants.await(customers, stock, Duration.ofMinutes(2));
		assertThat(report.violations()).isEmpty();
		// When order-service recovered the last of them, by its own clock (this machine's), not when this test saw it.
		Instant last = customers.stream()
			.map((customer) -> this.shop.orders.get("/api/v1/orders?customerId=" + customer).json().at("/data/0/updatedAt"))
			.map((updatedAt) -> Instant.parse(updatedAt.asString()))
			.max(Instant::compareTo)
			.orElseThrow();
		Duration took = Duration.between(start, last);
		System.out.println("50 orders recovered " + took.toMillis() + " ms after they were due: " + report.byStatus());
		// The first pass comes at most an interval after they are due, the second an interval after the first; the
		// passes' own work (50 orders, each a few calls and writes) adds a little.
		assertThat(took).isLessThan(StackControl.recoveryInterval().multipliedBy(2).plusSeconds(3));
		String brokenOrder = this.shop.orders.get("/api/v1/orders?customerId=" + brokenCustomer)
			.json()
			.at("/data/0/orderId")
			.asString();
		assertThat(this.shop.eventsOf(brokenOrder)).doesNotContain("committed", "released");

		try (MongoClient mongo = MongoClients.create(StackControl.mongoUri())) {
			mongo.getDatabase(databaseOf(StackControl.mongoUri()))
				.getCollection("products")
				.updateOne(Filters.eq("_id", brokenProduct), Updates.set("price", 900L));
		}
		// Repaired, it ends by itself at its next attempt, or by an operator's hand if the job gave up on it.
		this.shop.orders.post("/api/v1/orders/" + brokenOrder + "/recover", "");
		List<String> everyone = new ArrayList<>(customers);
		everyone.add(brokenCustomer);
		Map<String, Integer> both = new HashMap<>(stock);
		both.put(brokenProduct, 5);
		report = invariants.await(everyone, both, StackControl.recoveryTimeout().plusSeconds(60));
		assertThat(report.violations()).isEmpty();
	}

	private boolean allProcessing(List<String> customers) {
		for (String customer : customers) {
			JsonNode orders = this.shop.orders.get("/api/v1/orders?customerId=" + customer).json().get("data");
			if (orders.isEmpty() || !orders.get(0).get("orderStatus").asString().equals("processing")) {
				return false;
			}
		}
		return true;
	}

	private static String databaseOf(String uri) {
		String path = uri.substring(uri.indexOf('/', "mongodb://".length()) + 1);
		int query = path.indexOf('?');
		return (query < 0) ? path : path.substring(0, query);
	}

}
