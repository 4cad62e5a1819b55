package com.ecommerce.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 orders left behind by a crashed order-service, and one more whose follow-up fails every time — product-service
 * answers 500 for its product, whose document a bad migration broke — all due together: the broken one never holds
 * up the others. The 50 end within two passes of the recovery job once order-service is back and their time-out has
 * passed; the broken one waits its back-off, and once its product is repaired it ends as well.
 * <p>
 * To leave 51 orders processing at once, payment-service is frozen while they are charged, and order-service, told to
 * wait long for the charge, is killed once all of them are waiting.
 */
class StuckFollowUpTests {

	private static final int LEFT_BEHIND = 50;

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void oneFollowUpFailingForEverNeverHoldsUpTheRecoveryOfTheOthers() {
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(LEFT_BEHIND);
		String brokenCustomer = this.shop.newCustomer();
		String productId = this.shop.newProduct(LEFT_BEHIND, 900);
		String brokenProduct = this.shop.newProduct(5, 900);
		List<String> all = new ArrayList<>(customers);
		all.add(brokenCustomer);
		AtomicReference<Instant> crashed = new AtomicReference<>();

		StackControl.restartedWith("order-service", "ECOMMERCE_HTTP_CLIENT_READTIMEOUT", "120s", () -> {
			StackControl.frozen("payment-service").during(() -> {
				List<CompletableFuture<?>> placing = new ArrayList<>();
				customers.forEach((customer) -> placing.add(CompletableFuture.runAsync(
						() -> this.shop.placeOrder(customer, productId, 1, null), Thread::startVirtualThread)));
				placing.add(CompletableFuture.runAsync(() -> this.shop.placeOrder(brokenCustomer, brokenProduct, 1, null),
						Thread::startVirtualThread));
				Eventually.within(Duration.ofSeconds(60), () -> allProcessing(all) ? true : null);
				StackControl.killed("order-service").begin();
				crashed.set(Instant.now());
				CompletableFuture.allOf(placing.toArray(CompletableFuture[]::new)).exceptionally((cut) -> null).join();
				breakProduct(brokenProduct, "broken");
			});
		});
		// Restarted as it was. The orders were last changed before the crash: due once the recovery time-out is over.
		Instant back = Instant.now();
		Instant due = crashed.get().plus(StackControl.recoveryTimeout());
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
		Duration took = Duration.between(due.isBefore(back) ? back : due, last);
		System.out.println("50 orders recovered " + took.toMillis() + " ms after they were due: " + report.byStatus());
		// The first pass comes at most an interval after they are due, the second an interval after the first; the
		// passes' own work (50 orders, each a few calls and writes) adds a little.
		assertThat(took).isLessThan(StackControl.recoveryInterval().multipliedBy(2).plusSeconds(3));
		String brokenOrder = this.shop.orders.get("/api/v1/orders?customerId=" + brokenCustomer)
			.json()
			.at("/data/0/orderId")
			.asString();
		assertThat(this.shop.eventsOf(brokenOrder)).doesNotContain("committed", "released");

		// Repaired, it ends by itself at its next attempt, or by an operator's hand if the job gave up on it.
		breakProduct(brokenProduct, 900L);
		this.shop.orders.post("/api/v1/orders/" + brokenOrder + "/recover", "");
		Map<String, Integer> both = new HashMap<>(stock);
		both.put(brokenProduct, 5);
		report = invariants.await(all, both, StackControl.recoveryTimeout().plusSeconds(60));
		assertThat(report.violations()).isEmpty();
	}

	/** Sets the product's price in MongoDB itself: a string breaks every read of it, a number repairs it. */
	private static void breakProduct(String productId, Object price) {
		String uri = StackControl.mongoUri();
		try (MongoClient mongo = MongoClients.create(uri)) {
			mongo.getDatabase(databaseOf(uri))
				.getCollection("products")
				.updateOne(Filters.eq("_id", productId), Updates.set("price", price));
		}
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
