package com.ecommerce.order;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refunds through the order ({@code POST /api/v1/orders/{id}/refund}): a completed order's payment refunded at
 * payment-service once, its stock given back only when asked and once, whatever the repeats, the concurrency and the
 * crashes; the order never completed again. payment-service is reached through a proxy, to count and break its calls.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=4s", "order.recovery.interval=200ms" })
class RefundTests extends OrderServiceTest {

	private static final String IDEMPOTENCY_KEYS = "idempotency_keys";

	@RegisterExtension
	static final FaultyProxy payments = new FaultyProxy(Downstreams.get().paymentUrl());

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, payments);
	}

	@Test
	void aRefundRefundsTheOrdersPaymentAndKeepsTheStock() {
		String product = this.services.newProduct(1500, 5);
		JsonNode placed = completedOrder(product, 2);
		String orderId = placed.get("orderId").asString();

		ApiClient.Response refund = this.api.send(this.api.request(refundPath(orderId))
			.header("X-Request-Id", "refund-test-1")
			.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(refund.status()).as(refund.body()).isEqualTo(200);
		JsonNode order = refund.json().get("data");
		assertThat(order.get("orderStatus").asString()).isEqualTo("refunded");
		assertThat(order.get("paymentId").asString()).isEqualTo(placed.get("paymentId").asString());
		assertThat(this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("refunded");
		JsonNode payment = onlyPayment(orderId);
		assertThat(payment.get("status").asString()).isEqualTo("refunded");
		assertThat(payment.get("refundedAt").isNull()).isFalse();
		assertThat(this.services.stock(product)).as("the stock stays sold").isEqualTo(3);
		assertThat(this.services.reservedStock(product)).isZero();
		assertThat(events(this.api, orderId)).endsWith("completed", "committed", "refund_requested", "refunded")
			.doesNotContain("restocked");
		// Recorded with when, by which request and for whom, like every other step.
		JsonNode refunded = timelineEntry(orderId, "refunded");
		assertThat(refunded.get("status").asString()).isEqualTo("refunded");
		assertThat(refunded.get("requestId").asString()).isEqualTo("refund-test-1");
		assertThat(refunded.get("detail").asString()).isEqualTo("payment " + payment.get("paymentId").asString()
				+ " refunded");
		assertThat(Instant.parse(refunded.get("at").asString())).isAfter(Instant.parse(order.get("createdAt").asString()));
		assertThat(timelineEntry(orderId, "refund_requested").get("detail").asString()).startsWith("requested by ")
			.endsWith("the stock is kept");
		Order stored = this.mongo.findById(orderId, Order.class);
		assertThat(stored.owed()).isEmpty();
		assertThat(stored.recoverAt()).as("nothing left for the recovery job").isNull();
	}

	@Test
	void withRestockTheStockGoesBackOnceEvenWhenTheRefundIsRepeated() {
		String product = this.services.newProduct(1500, 5);
		String orderId = completedOrder(product, 2).get("orderId").asString();

		ApiClient.Response refund = this.api.post(refundPath(orderId), "{\"restock\": true}");
		ApiClient.Response again = this.api.post(refundPath(orderId), "{\"restock\": true}");

		assertThat(refund.status()).as(refund.body()).isEqualTo(200);
		assertThat(refund.json().at("/data/orderStatus").asString()).isEqualTo("refunded");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().at("/data/orderStatus").asString()).isEqualTo("refunded");
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(movementTypes(product)).filteredOn("RESTOCK"::equals).hasSize(1);
		assertThat(events(this.api, orderId)).endsWith("refund_requested", "refunded", "restocked");
		assertThat(onlyPayment(orderId).get("status").asString()).isEqualTo("refunded");
	}

	@Test
	void aRefundOfAnOrderThatIsNotCompletedIsRefused() {
		String product = this.services.newProduct(1500, 5);
		ApiClient.Response declined = this.api.post("/api/v1/orders",
				OrderRequests.declined(this.services.newCustomer(), product, 1));
		String orderId = declined.json().at("/data/orderId").asString();
		int calls = payments.received();

		ApiClient.Response refund = this.api.post(refundPath(orderId), "{\"restock\": true}");

		assertError(refund, 409, "INVALID_STATE");
		assertThat(refund.json().at("/details/orderStatus").asString()).isEqualTo("failed");
		assertThat(payments.received()).as("payment-service not asked").isEqualTo(calls);
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(events(this.api, orderId)).doesNotContain("refund_requested");
	}

	@Test
	void aRefundOfAnUnknownOrderIs404AndWritesNothingAnywhere() {
		int calls = payments.received();
		long keys = this.mongo.getCollection(IDEMPOTENCY_KEYS).countDocuments();

		assertError(this.api.post(refundPath("ord_unknown"), "{}"), 404, "NOT_FOUND");
		assertError(this.api.post(refundPath("ord_unknown"), "{}", "Idempotency-Key", "refund-unknown"), 404,
				"NOT_FOUND");

		assertThat(payments.received()).isEqualTo(calls);
		assertThat(this.mongo.getCollection(IDEMPOTENCY_KEYS).countDocuments()).isEqualTo(keys);
		assertThat(this.mongo.exists(Query.query(Criteria.where("_id").is("ord_unknown")), Order.class)).isFalse();
	}

	@Test
	void twoConcurrentRefundsRefundThePaymentOnce() {
		String product = this.services.newProduct(1500, 5);
		JsonNode placed = completedOrder(product, 1);
		String orderId = placed.get("orderId").asString();
		// Slow enough that the second refund arrives while the first is still at payment-service.
		payments.delay("POST /api/v1/payments/" + placed.get("paymentId").asString() + "/refund", 300);

		List<ApiClient.Response> refunds = Concurrently.run(2,
				() -> this.api.post(refundPath(orderId), "{\"restock\": true}"));

		assertThat(refunds).allSatisfy((r) -> {
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json().at("/data/orderStatus").asString()).isEqualTo("refunded");
		});
		assertThat(payments.delayedAndPassedOn()).as("refunds that reached payment-service").isEqualTo(1);
		assertThat(events(this.api, orderId)).filteredOn("refund_requested"::equals).hasSize(1);
		assertThat(events(this.api, orderId)).filteredOn("refunded"::equals).hasSize(1);
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	/**
	 * order-service died after the order moved to refunding, before or after the payment was refunded: the recovery
	 * job finishes the refund, the stock goes back once, and the order ends refunded.
	 */
	@ParameterizedTest(name = "payment refunded before the crash: {0}")
	@ValueSource(booleans = { false, true })
	void recoveryFinishesARefundInterruptedAfterItBegan(boolean paymentRefunded) {
		String product = this.services.newProduct(1500, 5);
		JsonNode placed = completedOrder(product, 2);
		String orderId = placed.get("orderId").asString();
		if (paymentRefunded) {
			ApiClient.Response refunded = this.services.payments()
				.post("/api/v1/payments/" + placed.get("paymentId").asString() + "/refund", "");
			assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
		}
		leftRefunding(orderId);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("refunded"));

		assertThat(onlyPayment(orderId).get("status").asString()).isEqualTo("refunded");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(5));
		assertThat(events(this.api, orderId)).endsWith("refund_requested", "recovered", "refunded", "restocked");
		assertThat(this.api.post(refundPath(orderId), "{\"restock\": true}").json().at("/data/orderStatus").asString())
			.isEqualTo("refunded");
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	/** payment-service down: the refund is written down as under way (202), and the recovery job finishes it. */
	@Test
	void aRefundPaymentServiceCantTakeNowIsAcceptedAndFinishedByRecovery() {
		String product = this.services.newProduct(1500, 5);
		String orderId = completedOrder(product, 1).get("orderId").asString();
		payments.down();

		ApiClient.Response refund = this.api.post(refundPath(orderId), "{\"restock\": true}");

		assertThat(refund.status()).as(refund.body()).isEqualTo(202);
		assertThat(refund.json().at("/data/orderStatus").asString()).isEqualTo("refunding");
		assertThat(this.services.stock(product)).as("no stock back before the money").isEqualTo(4);
		payments.up();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("refunded"));
		assertThat(onlyPayment(orderId).get("status").asString()).isEqualTo("refunded");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(5));
	}

	/** A refusal asking again won't change: the order stays refunding, left to an operator, never completed again. */
	@Test
	void aRefundPaymentServiceRefusesIsLeftToAnOperator() {
		String product = this.services.newProduct(1500, 5);
		JsonNode placed = completedOrder(product, 1);
		String orderId = placed.get("orderId").asString();
		payments.answer("POST /api/v1/payments/" + placed.get("paymentId").asString() + "/refund", 409,
				"{\"success\":false,\"code\":\"INVALID_STATE\",\"message\":\"Payment failed; there is nothing to refund\"}",
				1);

		ApiClient.Response refund = this.api.post(refundPath(orderId), "{}");

		assertThat(refund.status()).as(refund.body()).isEqualTo(202);
		assertThat(refund.json().at("/data/orderStatus").asString()).isEqualTo("refunding");
		assertThat(refund.json().at("/data/needsAttention").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/orders/needs-attention?limit=100").json().get("data")
			.findValuesAsString("orderId")).contains(orderId);
		assertThat(events(this.api, orderId)).endsWith("refund_requested", "needs_attention");
		assertThat(this.mongo.findById(orderId, Order.class).recoverAt()).isNull();
	}

	@Test
	void anIdempotencyKeyReplaysTheRefundAndRefusesAnotherBody() {
		String product = this.services.newProduct(1500, 5);
		String orderId = completedOrder(product, 1).get("orderId").asString();
		String key = "refund-" + orderId;

		ApiClient.Response first = this.api.post(refundPath(orderId), "{\"restock\": true}", "Idempotency-Key", key);
		ApiClient.Response repeat = this.api.post(refundPath(orderId), "{\"restock\": true}", "Idempotency-Key", key);
		ApiClient.Response otherBody = this.api.post(refundPath(orderId), "{}", "Idempotency-Key", key);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
		assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(repeat.json().at("/data/orderStatus").asString()).isEqualTo("refunded");
		assertError(otherBody, 422, "IDEMPOTENCY_KEY_REUSED");
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	@Test
	void aBadRefundBodyIs400AndRefundsNothing() {
		String product = this.services.newProduct(1500, 5);
		String orderId = completedOrder(product, 1).get("orderId").asString();

		assertError(this.api.post(refundPath(orderId), "{\"restock\": \"yes\"}"), 400, "VALIDATION_ERROR");
		assertError(this.api.post(refundPath(orderId), "{\"restock\": 1}"), 400, "VALIDATION_ERROR");
		ApiClient.Response misspelt = this.api.post(refundPath(orderId), "{\"restok\": true}");
		assertError(misspelt, 400, "VALIDATION_ERROR");
		assertThat(misspelt.json().at("/details/errors/0/field").asString()).isEqualTo("restok");
		assertError(this.api.post(refundPath("bad.id"), "{}"), 400, "VALIDATION_ERROR");

		assertThat(this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("completed");
		assertThat(onlyPayment(orderId).get("status").asString()).isEqualTo("completed");
	}

	/** A new customer's completed order of {@code quantity} of the product. */
	private JsonNode completedOrder(String product, int quantity) {
		ApiClient.Response placed = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, quantity));
		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		String orderId = placed.json().at("/data/orderId").asString();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events(this.api, orderId)).contains("committed"));
		return placed.json().get("data");
	}

	/**
	 * The order as an instance that crashed right after its refund began left it: refunding, owing the stock back,
	 * last moved well past the time-out and so due for the recovery job.
	 */
	private void leftRefunding(String orderId) {
		Instant then = Instant.now().minusSeconds(30);
		TimelineEntry began = new TimelineEntry(then, TimelineEntry.REFUND_REQUESTED, OrderStatus.refunding,
				"the stock goes back", "crashed");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)),
				new Update().set("orderStatus", OrderStatus.refunding)
					.set("updatedAt", then)
					.set("recoverAt", then.plusSeconds(4))
					.addToSet("followUps", FollowUp.restock)
					.push("timeline", began),
				Order.class);
	}

	private JsonNode onlyPayment(String orderId) {
		List<JsonNode> made = this.services.paymentsOf(orderId);
		assertThat(made).hasSize(1);
		return made.getFirst();
	}

	private JsonNode timelineEntry(String orderId, String event) {
		JsonNode timeline = this.api.get("/api/v1/orders/" + orderId + "/timeline").json().get("data");
		for (JsonNode entry : timeline) {
			if (entry.get("event").asString().equals(event)) {
				return entry;
			}
		}
		throw new AssertionError("No " + event + " in the timeline of " + orderId);
	}

	private List<String> movementTypes(String product) {
		return this.services.products()
			.get("/api/v1/products/" + product + "/movements?limit=100")
			.json()
			.get("data")
			.findValuesAsString("type");
	}

	private static String refundPath(String orderId) {
		return "/api/v1/orders/" + orderId + "/refund";
	}

}
