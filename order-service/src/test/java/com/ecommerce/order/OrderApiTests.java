package com.ecommerce.order;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.order.OrderRequests.events;
import static com.ecommerce.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The order flow against the real customer, product and payment services. */
class OrderApiTests extends AgainstRealServices {

	@Test
	void aPaidOrderCompletesTakesItsStockChargesOnceAndCommitsTheReservation() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(2500, 10);

		ApiClient.Response created = this.api.post("/api/v1/orders", order(customer, product, 3));

		assertThat(created.status()).isEqualTo(201);
		JsonNode order = created.json().get("data");
		String orderId = order.get("orderId").asString();
		assertThat(orderId).startsWith("ord_");
		assertThat(created.header("Location")).isEqualTo("/api/v1/orders/" + orderId);
		assertThat(order.get("orderStatus").asString()).isEqualTo("completed");
		assertThat(order.get("amount").asLong()).isEqualTo(7500);
		assertThat(order.get("paymentId").asString()).startsWith("pay_");
		assertThat(order.get("transactionId").asString()).startsWith("txn_");
		assertThat(order.has("createdAt")).isTrue();
		assertThat(order.has("updatedAt")).isTrue();

		assertThat(this.services.stock(product)).isEqualTo(7);
		assertThat(this.services.product(product).get("reservedStock").asInt()).isZero();
		assertThat(movementTypes(product)).contains("RESERVE", "COMMIT").doesNotContain("RELEASE");
		List<JsonNode> payments = this.services.paymentsOf(orderId);
		assertThat(payments).singleElement().satisfies((payment) -> {
			assertThat(payment.get("status").asString()).isEqualTo("completed");
			assertThat(payment.get("amount").asLong()).isEqualTo(7500);
			assertThat(payment.get("paymentId").asString()).isEqualTo(order.get("paymentId").asString());
		});
		assertThat(this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("completed");
		assertThat(events(this.api, orderId)).containsExactly("created", "reserved", "payment_requested",
				"payment_completed", "completed", "committed");
	}

	@Test
	void aDeclinedPaymentFailsTheOrderAndGivesTheStockBack() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1000, 5);

		ApiClient.Response created = this.api.post("/api/v1/orders", OrderRequests.declined(customer, product, 2));

		assertThat(created.status()).isEqualTo(201);
		JsonNode order = created.json().get("data");
		assertThat(order.get("orderStatus").asString()).isEqualTo("failed");
		assertThat(order.get("failureReason").asString()).isEqualTo("payment_declined");
		assertThat(order.get("paymentId").asString()).startsWith("pay_");
		assertThat(order.get("transactionId").asString()).startsWith("txn_");
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(this.services.product(product).get("reservedStock").asInt()).isZero();
		assertThat(this.services.paymentsOf(order.get("orderId").asString()))
			.allSatisfy((payment) -> assertThat(payment.get("status").asString()).isEqualTo("failed"));
		assertThat(events(this.api, order.get("orderId").asString())).containsSubsequence("payment_declined",
				"released");
	}

	@Test
	void anUnknownCustomerOrProductIsA404AndShortStockA409WithTheOrderRecordedAsFailed() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1000, 1);

		ApiClient.Response noCustomer = this.api.post("/api/v1/orders", order("cust_nobody", product, 1));
		assertError(noCustomer, 404, "NOT_FOUND");
		assertThat(noCustomer.json().at("/message").asString()).contains("cust_nobody");
		ApiClient.Response noProduct = this.api.post("/api/v1/orders", order(customer, "prod_nothing", 1));
		assertError(noProduct, 404, "NOT_FOUND");
		ApiClient.Response tooMany = this.api.post("/api/v1/orders", order(customer, product, 2));
		assertError(tooMany, 409, "INSUFFICIENT_STOCK");
		assertThat(tooMany.json().at("/details/availableStock").asInt()).isEqualTo(1);

		String failedId = tooMany.json().at("/details/orderId").asString();
		JsonNode failed = this.api.get("/api/v1/orders/" + failedId).json().get("data");
		assertThat(failed.get("orderStatus").asString()).isEqualTo("failed");
		assertThat(failed.get("failureReason").asString()).isEqualTo("insufficient_stock");
		assertThat(this.api.get("/api/v1/orders/" + noCustomer.json().at("/details/orderId").asString())
			.json()
			.at("/data/failureReason")
			.asString()).isEqualTo("customer_not_found");
		assertThat(this.services.stock(product)).isEqualTo(1);
	}

	@Test
	void aHundredConcurrentOrdersOnStockThirtyCompleteExactlyThirty() {
		String product = this.services.newProduct(100, 30);
		List<String> customers = java.util.stream.IntStream.range(0, 100)
			.mapToObj((i) -> this.services.newCustomer())
			.toList();

		List<ApiClient.Response> answers = Concurrently.run(100,
				(i) -> () -> this.api.post("/api/v1/orders", order(customers.get(i), product, 1)));

		assertThat(answers).filteredOn((r) -> r.status() == 201)
			.hasSize(30)
			.allSatisfy((r) -> assertThat(r.json().at("/data/orderStatus").asString()).isEqualTo("completed"));
		assertThat(answers).filteredOn((r) -> r.status() == 409)
			.hasSize(70)
			.allSatisfy((r) -> assertError(r, 409, "INSUFFICIENT_STOCK"));
		assertThat(this.services.stock(product)).isZero();
		assertThat(this.services.product(product).get("reservedStock").asInt()).isZero();
		long paid = answers.stream()
			.filter((r) -> r.status() == 201)
			.map((r) -> this.services.paymentsOf(r.json().at("/data/orderId").asString()))
			.filter((payments) -> payments.size() == 1 && payments.get(0).get("status").asString().equals("completed"))
			.count();
		assertThat(paid).isEqualTo(30);
	}

	@Test
	void aCartOfTenProductsOrderedAtOnceByOneCustomerIsPlacedWhole() {
		String customer = this.services.newCustomer();
		List<String> products = IntStream.range(0, 10).mapToObj((i) -> this.services.newProduct(100, 3)).toList();

		List<ApiClient.Response> answers = Concurrently.run(10,
				(i) -> () -> this.api.post("/api/v1/orders", order(customer, products.get(i), 1)));

		assertThat(answers).allSatisfy((r) -> {
			assertThat(r.status()).as(r.body()).isEqualTo(201);
			assertThat(r.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		});
		assertThat(products).allSatisfy((product) -> assertThat(this.services.stock(product)).isEqualTo(2));
	}

	@Test
	void theSameIdempotencyKeyGivesOneOrderAndOnePayment() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1500, 10);
		String key = "key-" + UUID.randomUUID();

		ApiClient.Response first = this.api.post("/api/v1/orders", order(customer, product, 1), "Idempotency-Key", key);
		ApiClient.Response again = this.api.post("/api/v1/orders", order(customer, product, 1), "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		String orderId = first.json().at("/data/orderId").asString();
		assertThat(again.json().at("/data/orderId").asString()).isEqualTo(orderId);
		assertThat(again.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(this.services.paymentsOf(orderId)).hasSize(1);
		assertThat(this.services.stock(product)).isEqualTo(9);

		ApiClient.Response otherBody = this.api.post("/api/v1/orders", order(customer, product, 2), "Idempotency-Key",
				key);
		assertError(otherBody, 422, "IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void concurrentRepeatsOfOneKeyGiveOneOrder() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1500, 10);
		String key = "key-" + UUID.randomUUID();

		List<ApiClient.Response> answers = Concurrently.run(10,
				(i) -> () -> this.api.post("/api/v1/orders", order(customer, product, 1), "Idempotency-Key", key));

		assertThat(answers).filteredOn((r) -> r.status() == 201).hasSize(1);
		assertThat(answers).filteredOn((r) -> r.status() == 200).hasSize(9);
		assertThat(answers.stream().map((r) -> r.json().at("/data/orderId").asString()).distinct()).hasSize(1);
		assertThat(this.services.paymentsOf(answers.get(0).json().at("/data/orderId").asString())).hasSize(1);
		assertThat(this.services.stock(product)).isEqualTo(9);
	}

	@Test
	void ordersAreListedByCustomerAndStatusNewestFirst() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 10);
		String completed = place(order(customer, product, 1));
		String failed = place(OrderRequests.declined(customer, product, 1));

		JsonNode all = this.api.get("/api/v1/orders?customerId=" + customer).json();
		assertThat(ids(all)).containsExactly(failed, completed);
		assertThat(all.at("/pagination/total").asInt()).isEqualTo(2);
		assertThat(ids(this.api.get("/api/v1/orders?customerId=" + customer + "&status=completed").json()))
			.containsExactly(completed);
		assertThat(ids(this.api.get("/api/v1/orders/customer/" + customer + "?status=failed").json()))
			.containsExactly(failed);
		JsonNode paged = this.api.get("/api/v1/orders/customer/" + customer + "?page=2&limit=1").json();
		assertThat(ids(paged)).containsExactly(completed);
		assertThat(paged.at("/pagination/totalPages").asInt()).isEqualTo(2);
	}

	@Test
	void aFinalOrderCannotBeCancelled() {
		String orderId = place(order(this.services.newCustomer(), this.services.newProduct(100, 10), 1));

		ApiClient.Response cancel = this.api.post("/api/v1/orders/" + orderId + "/cancel", "{\"reason\": \"changed mind\"}");

		assertError(cancel, 409, "INVALID_STATE");
		assertThat(cancel.json().at("/message").asString()).contains("completed");
		assertError(this.api.post("/api/v1/orders/ord_unknown/cancel", "{}"), 404, "NOT_FOUND");
	}

	@Test
	void unknownOrdersAre404() {
		assertError(this.api.get("/api/v1/orders/ord_unknown"), 404, "NOT_FOUND");
		assertError(this.api.get("/api/v1/orders/ord_unknown/timeline"), 404, "NOT_FOUND");
	}

	@Test
	void theTimelineTellsEveryStepWithTimeAndRequestId() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 10);
		ApiClient.Response created = this.api.post("/api/v1/orders", order(customer, product, 1), "X-Request-Id",
				"timeline-test-1");
		String orderId = created.json().at("/data/orderId").asString();

		JsonNode timeline = this.api.get("/api/v1/orders/" + orderId + "/timeline").json().get("data");

		assertThat(timeline).isNotEmpty().allSatisfy((entry) -> {
			assertThat(entry.get("at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			assertThat(entry.get("requestId").asString()).isEqualTo("timeline-test-1");
			assertThat(entry.has("status")).isTrue();
		});
	}

	@Test
	void prometheusShowsOrderCountersLatencyAndCircuitBreakers() {
		place(order(this.services.newCustomer(), this.services.newProduct(100, 10), 1));

		String metrics = this.api.management().get("/actuator/prometheus").body();

		assertThat(metrics).contains("orders_placed_total", "orders_completed_total", "orders_failed_total",
				"orders_cancelled_total", "orders_recovered_total", "orders_latency_seconds_count",
				"resilience4j_circuitbreaker_state{");
		assertThat(metrics).contains("name=\"product-service\"", "name=\"payment-service\"");
	}

	private String place(String body) {
		ApiClient.Response created = this.api.post("/api/v1/orders", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().at("/data/orderId").asString();
	}

	private List<String> movementTypes(String productId) {
		JsonNode movements = this.services.products()
			.get("/api/v1/products/" + productId + "/movements?limit=100")
			.json()
			.get("data");
		return StreamSupport.stream(movements.spliterator(), false).map((m) -> m.get("type").asString()).toList();
	}

	private static List<String> ids(JsonNode page) {
		return StreamSupport.stream(page.get("data").spliterator(), false)
			.map((o) -> o.get("orderId").asString())
			.toList();
	}

}
