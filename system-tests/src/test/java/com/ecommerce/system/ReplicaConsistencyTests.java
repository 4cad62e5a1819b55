package com.ecommerce.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ecommerce.infrastructure.ApiClient.Response;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of every service side by side, each doing what one did alone: caches that never answer from before a
 * write made through the other instance, two outbox relays publishing the same payments' events and two workers
 * consuming them (every event stored once), and the dead-letter queue listed and redriven through either worker.
 * Needs {@code scripts/stack up --replicas 2}.
 */
@Tag("replicas")
class ReplicaConsistencyTests {

	private final Shop first = Shop.instance(1);

	private final Shop second = Shop.instance(2);

	private final Shop gateway = Shop.throughGateway();

	@Test
	void aProductWrittenThroughOneInstanceIsNeverReadStaleThroughTheOther() {
		String productId = this.first.newProduct(10, 1000);
		for (int round = 1; round <= 20; round++) {
			// Read through the second instance first, so that what it may cache is the version before the write.
			this.second.product(productId);
			Response written = this.first.products.put("/api/v1/products/" + productId, """
					{"price": %d, "stock": %d}""".formatted(1000 + round, 10 + round));
			assertThat(written.status()).as(written.body()).isEqualTo(200);
			JsonNode read = this.second.product(productId);
			assertThat(read.get("price").asLong()).isEqualTo(1000 + round);
			assertThat(read.get("stock").asInt()).isEqualTo(10 + round);
		}
		assertThat(this.first.products.delete("/api/v1/products/" + productId).status()).isIn(200, 204);
		assertThat(this.second.products.get("/api/v1/products/" + productId).status()).isEqualTo(404);
	}

	@Test
	void aCustomerWrittenThroughOneInstanceIsNeverReadStaleThroughTheOther() {
		String customerId = this.first.newCustomer();
		for (int round = 1; round <= 20; round++) {
			this.second.customers.get("/api/v1/customers/" + customerId);
			String phone = "+1555000%04d".formatted(round);
			Response written = this.first.customers.put("/api/v1/customers/" + customerId, """
					{"phone": "%s"}""".formatted(phone));
			assertThat(written.status()).as(written.body()).isEqualTo(200);
			Response read = this.second.customers.get("/api/v1/customers/" + customerId);
			assertThat(read.json().at("/data/phone").asString()).isEqualTo(phone);
		}
	}

	@Test
	void twoRelaysAndTwoWorkersStoreEveryPaymentOnce() {
		Eventually.serving(this.gateway);
		JsonNode queue = this.gateway.payments.get("/api/v1/payments/queue/status").json().get("data");
		assertThat(queue.get("consumerCount").asInt()).as("workers consuming " + queue).isEqualTo(2);

		List<String> customers = this.gateway.newCustomers(100);
		String productId = this.gateway.newProduct(100, 1200);
		List<OrderLoad.Placed> answers = new OrderLoad(this.gateway, customers, productId, 6).finish();
		assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isEqualTo(201));

		// Both payment instances charged (each with its own relay) and the history holds each payment once.
		Invariants.Report report = new Invariants(this.gateway).await(customers, Map.of(productId, 100),
				Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isPositive();
		for (Shop instance : List.of(this.first, this.second)) {
			JsonNode status = instance.payments.get("/api/v1/payments/queue/status").json().get("data");
			assertThat(status.get("pendingEvents").asInt()).as("outbox backlog " + status).isZero();
		}
	}

	@Test
	void deadLettersAreListedAndRedrivenOnceWhileTwoWorkersRun() throws Exception {
		String marker = "poison-" + UUID.randomUUID();
		int count = 3;
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(StackControl.rabbitUri());
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			try {
				for (int i = 0; i < count; i++) {
					// Not an event the worker can read: it fails on every attempt and ends in the dead-letter queue.
					channel.basicPublish("ecommerce.transactions", "transaction.created",
							MessageProperties.PERSISTENT_TEXT_PLAIN,
							("{\"" + marker + "\": " + i).getBytes(StandardCharsets.UTF_8));
				}
				Eventually.within(Duration.ofSeconds(60), () -> (ours(marker) == count) ? true : null);
				// Listing leaves them where they are, whichever worker the gateway asks.
				for (int listing = 0; listing < 4; listing++) {
					assertThat(ours(marker)).isEqualTo(count);
				}

				Response redriven = this.gateway.transactions.post("/api/v1/transactions/dead-letters/redrive", "");
				assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
				assertThat(redriven.json().at("/data/redriven").asInt()).isGreaterThanOrEqualTo(count);
				// Back on the main queue, taken by one worker or the other, failing again: each ends once more in
				// the dead-letter queue, neither lost nor doubled.
				Eventually.within(Duration.ofSeconds(60), () -> (ours(marker) == count) ? true : null);
				JsonNode queue = this.gateway.payments.get("/api/v1/payments/queue/status").json().get("data");
				assertThat(queue.get("deadLetterCount").asInt()).as(queue.toString()).isEqualTo(count);
			}
			finally {
				// The letters are this test's own: the other tests' invariants hold the queue empty.
				channel.queuePurge("transaction.save.dlq");
			}
		}
	}

	private int ours(String marker) {
		return (int) this.gateway.deadLetters()
			.stream()
			.filter((letter) -> letter.get("body").toString().contains(marker))
			.count();
	}

}
