package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.ecommerce.infrastructure.ApiClient.Response;
import com.ecommerce.infrastructure.Concurrently;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that repeats itself (a retry after a time-out, a double click) is charged once and served once. */
class IdempotencyTests {

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void twentyConcurrentRepeatsOfAnOrderMakeOneOrder() {
		Eventually.serving(this.shop);
		String customerId = this.shop.newCustomer();
		String productId = this.shop.newProduct(10, 1200);
		String key = "sys-" + UUID.randomUUID();

		List<Response> answers = Concurrently.run(20, () -> this.shop.placeOrder(customerId, productId, 2, key));

		assertThat(answers).extracting(Response::status).containsOnly(201, 200);
		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 200)
			.allSatisfy((answer) -> assertThat(answer.header("Idempotent-Replayed")).isEqualTo("true"));
		Set<String> orderIds = answers.stream()
			.map((answer) -> answer.json().at("/data/orderId").asString())
			.collect(Collectors.toSet());
		assertThat(orderIds).hasSize(1);

		Invariants.Report report = new Invariants(this.shop).await(List.of(customerId), Map.of(productId, 10),
				Duration.ofSeconds(30));
		assertThat(report.violations()).isEmpty();
		assertThat(report.orders()).isEqualTo(1);
		assertThat(this.shop.product(productId).get("stock").asInt()).isEqualTo(8);
	}

	@Test
	void twentyConcurrentRepeatsOfAPaymentChargeOnce() {
		String orderId = "ord_sys" + UUID.randomUUID().toString().replace("-", "");
		String key = "sys-" + UUID.randomUUID();
		String body = """
				{"orderId": "%s", "amount": 4999, "paymentMethod": "credit_card", "customerId": "cust_001"}"""
			.formatted(orderId);

		List<Response> answers = Concurrently.run(20,
				() -> this.shop.as("order-service").payments.post("/api/v1/payments/process", body, "Idempotency-Key", key));

		// A repeat gets the first answer again, or, while the first is still being charged, 409 IN_PROGRESS.
		List<Response> served = answers.stream().filter((answer) -> answer.status() != 409).toList();
		assertThat(served).isNotEmpty();
		assertThat(served).extracting(Response::status).containsOnly(201);
		assertThat(answers).filteredOn((answer) -> answer.status() == 409)
			.allSatisfy((answer) -> assertThat(answer.json().get("code").asString()).isEqualTo("IDEMPOTENCY_IN_PROGRESS"));
		assertThat(served.stream().map((answer) -> answer.json().at("/data/paymentId").asString()).distinct())
			.hasSize(1);
		assertThat(served).filteredOn((answer) -> answer.header("Idempotent-Replayed") == null).hasSize(1);

		List<JsonNode> payments = this.shop.paymentsOf(orderId);
		assertThat(payments).hasSize(1);
		String transactionId = payments.get(0).get("transactionId").asString();
		// One event, so one history record.
		Eventually.within(Duration.ofSeconds(30), () -> this.shop.historyOf(orderId).isEmpty() ? null : true);
		assertThat(this.shop.historyOf(orderId)).extracting((r) -> r.get("transactionId").asString())
			.containsExactly(transactionId);
	}

	@Test
	void tenKeysForOneOrderStillChargeItOnce() {
		String orderId = "ord_sys" + UUID.randomUUID().toString().replace("-", "");
		String body = """
				{"orderId": "%s", "amount": 1500}""".formatted(orderId);

		List<Response> answers = Concurrently.run(10, (i) -> () -> this.shop.as("order-service").payments.post("/api/v1/payments/process",
				body, "Idempotency-Key", "sys-" + i + "-" + UUID.randomUUID()));

		assertThat(answers).extracting(Response::status).contains(201).allMatch((status) -> status < 500);
		List<JsonNode> completed = this.shop.paymentsOf(orderId)
			.stream()
			.filter((payment) -> payment.get("status").asString().equals("completed"))
			.toList();
		assertThat(completed).hasSize(1);
	}

}
