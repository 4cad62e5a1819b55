package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ stopped while orders are paid, so their events wait in payment-service's outbox; payment-service killed
 * (SIGKILL) with them still waiting; then the broker back, then payment-service: the events were in MongoDB, not in
 * the process, so every completed payment still reaches the worker's history, once.
 */
class BrokerAndPaymentCrashTests {

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void eventsWaitingInTheOutboxSurviveACrashOfPaymentService() {
		StackControl.assumeOwned("rabbitmq", "RabbitMQ");
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(30);
		String productId = this.shop.newProduct(30, 1200);
		StackControl.Outage broker = StackControl.stopped("rabbitmq");
		StackControl.Outage crash = StackControl.killed("payment-service");

		broker.begin();
		try {
			List<OrderLoad.Placed> answers = new OrderLoad(this.shop, customers, productId, 8).finish();
			assertThat(answers).allSatisfy((placed) -> assertThat(placed.status()).as(placed.toString()).isEqualTo(201));
			int waiting = this.shop.payments.get("/api/v1/payments/queue/status").json().at("/data/pendingEvents").asInt();
			assertThat(waiting).as("events waiting in the outbox").isPositive();
			crash.begin();
		}
		finally {
			try {
				broker.end();
			}
			finally {
				crash.end(); // payment-service needs the broker to be ready
			}
		}

		Invariants.Report report = new Invariants(this.shop).await(customers, Map.of(productId, 30),
				Duration.ofSeconds(90));
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isPositive();
		for (String customer : customers) {
			for (JsonNode order : this.shop.orders.get("/api/v1/orders?customerId=" + customer).json().get("data")) {
				List<String> stored = this.shop.historyOf(order.get("orderId").asString())
					.stream()
					.map((record) -> record.get("transactionId").asString())
					.toList();
				assertThat(stored).as("stored once").doesNotHaveDuplicates();
			}
		}
	}

}
