package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.shared.Ids;

import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders left open by a crash (written here as the crashed instance left them, with the real reservation and payment
 * it had made) are driven to the end their payment calls for, within the recovery time-out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=1s", "order.recovery.interval=200ms" })
class OrderRecoveryTests extends AgainstRealServices {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OrderRecovery recovery;

	@Autowired
	OrderProperties properties;

	@Test
	void anOrderLeftProcessingWithACompletedPaymentIsCompletedAndItsReservationCommitted() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1000, 5);
		String orderId = Ids.order();
		reserve(product, orderId, 2);
		String paymentId = pay(orderId, customer, 2000);
		leftBehind(orderId, customer, product, 2, OrderStatus.processing);

		JsonNode order = awaitFinal(orderId);

		assertThat(order.get("orderStatus").asString()).isEqualTo("completed");
		assertThat(order.get("paymentId").asString()).isEqualTo(paymentId);
		assertThat(this.services.stock(product)).isEqualTo(3);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.reservedStock(product)).isZero());
		assertThat(events(this.api, orderId)).contains("recovered", "completed", "committed");
	}

	@Test
	void anOrderLeftProcessingWithoutAPaymentIsFailedAndItsStockGivenBack() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1000, 5);
		String orderId = Ids.order();
		reserve(product, orderId, 2);
		leftBehind(orderId, customer, product, 2, OrderStatus.processing);

		JsonNode order = awaitFinal(orderId);

		assertThat(order.get("orderStatus").asString()).isEqualTo("failed");
		assertThat(order.get("failureReason").asString()).isEqualTo("not_paid_in_time");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(5));
		assertThat(this.services.reservedStock(product)).isZero();
	}

	/** A payment made for the order's id with another amount is not the order's charge: it never completes it. */
	@Test
	void anOrderLeftProcessingWithAPaymentOfAnotherAmountIsLeftToAnOperatorNeverCompleted() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(1000, 5);
		String orderId = Ids.order();
		reserve(product, orderId, 2);
		String paymentId = pay(orderId, customer, 1999);
		leftBehind(orderId, customer, product, 2, OrderStatus.processing);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.mongo.findById(orderId, Order.class).needsAttention() != null);

		Order left = this.mongo.findById(orderId, Order.class);
		assertThat(left.orderStatus()).isEqualTo(OrderStatus.processing);
		assertThat(left.needsAttention()).isTrue();
		assertThat(left.recoverAt()).as("out of the recovery job's sight").isNull();
		assertThat(left.paymentId()).isNull();
		assertThat(left.timeline().getLast().detail()).contains(paymentId, "1999 cents paid, the order is for 2000");
		assertThat(this.api.get("/api/v1/orders/needs-attention?limit=100").json().get("data").findValuesAsString("orderId"))
			.contains(orderId);
		// Nothing was committed for it: the stock stays held until an operator cancels the order.
		assertThat(this.services.reservedStock(product)).isEqualTo(2);
		assertThat(events(this.api, orderId)).doesNotContain("completed", "committed");
	}

	@Test
	void anOrderLeftPendingBeforeItReservedIsFailedWithNothingToGiveBack() {
		String product = this.services.newProduct(1000, 5);
		String orderId = Ids.order();
		leftBehind(orderId, this.services.newCustomer(), product, 1, OrderStatus.pending);

		assertThat(awaitFinal(orderId).get("orderStatus").asString()).isEqualTo("failed");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(events(this.api, orderId)).contains("released"));
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	@Test
	void recoveryRunsAtOnceNeverHandleAnOrderTwice() {
		String product = this.services.newProduct(100, 100);
		List<String> orderIds = IntStream.range(0, 20).mapToObj((i) -> {
			String orderId = Ids.order();
			reserve(product, orderId, 1);
			leftBehind(orderId, "cust_recovery", product, 1, OrderStatus.processing);
			return orderId;
		}).toList();

		Concurrently.run(4, () -> this.recovery.recoverDue());

		orderIds.forEach(this::awaitFinal);
		assertThat(orderIds).allSatisfy(
				(orderId) -> assertThat(events(this.api, orderId)).filteredOn("recovered"::equals).hasSize(1));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(100));
	}

	/**
	 * The order as an instance that crashed mid-flow left it: open, last touched well past the time-out, due for
	 * recovery since the time-out ran out.
	 */
	private void leftBehind(String orderId, String customerId, String productId, int quantity, OrderStatus status) {
		Instant then = Instant.now().minusSeconds(30);
		TimelineEntry created = new TimelineEntry(then, TimelineEntry.CREATED, OrderStatus.pending, null, "crashed");
		Long amount = (status == OrderStatus.processing) ? 1000L * quantity : null;
		Long unitPrice = (status == OrderStatus.processing) ? 1000L : null;
		this.mongo.insert(new Order(orderId, customerId, productId, quantity, "credit_card", unitPrice, amount, status,
				null, null, null, null, null, null, then, then, List.of(), null, List.of(created), null, null,
				null, then.plus(this.properties.recovery().timeout())));
	}

	private JsonNode awaitFinal(String orderId) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isIn("completed", "failed"));
		return this.api.get("/api/v1/orders/" + orderId).json().get("data");
	}

	private void reserve(String productId, String orderId, int quantity) {
		ApiClient.Response reserved = this.services.products()
			.post("/api/v1/products/" + productId + "/reserve",
					"{\"orderId\": \"%s\", \"quantity\": %d}".formatted(orderId, quantity));
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
	}

	private String pay(String orderId, String customerId, long amount) {
		ApiClient.Response paid = this.services.payments()
			.post("/api/v1/payments/process", "{\"orderId\": \"%s\", \"customerId\": \"%s\", \"amount\": %d}"
				.formatted(orderId, customerId, amount));
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		return paid.json().at("/data/paymentId").asString();
	}

}
