package com.ecommerce.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class PaymentApiTests {

	static final String PROCESS = "/api/v1/payments/process";

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	ConnectionFactory connections;

	@Test
	void theSeedsExampleCompletesWith201AndIsFoundByEveryId() {
		String orderId = PaymentBodies.orderId();
		var response = this.api.post(PROCESS, "{\"orderId\":\"" + orderId
				+ "\",\"amount\":199900,\"paymentMethod\":\"credit_card\",\"idempotencyKey\":\"" + PaymentBodies.key()
				+ "\",\"customerId\":\"cust_001\",\"productId\":\"prod_001\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.header("Idempotent-Replayed")).isNull();
		JsonNode data = response.json().get("data");
		String paymentId = data.get("paymentId").asString();
		String transactionId = data.get("transactionId").asString();
		assertThat(paymentId).startsWith("pay_");
		assertThat(transactionId).startsWith("txn_");
		assertThat(data.get("orderId").asString()).isEqualTo(orderId);
		assertThat(data.get("customerId").asString()).isEqualTo("cust_001");
		assertThat(data.get("productId").asString()).isEqualTo("prod_001");
		assertThat(data.get("amount").asLong()).isEqualTo(199900);
		assertThat(data.get("paymentMethod").asString()).isEqualTo("credit_card");
		assertThat(data.get("status").asString()).isEqualTo("completed");
		assertThat(data.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(data.has("outbox")).isFalse();
		assertThat(data.has("completedOrderId")).isFalse();

		assertThat(this.api.get("/api/v1/payments/" + paymentId).json().get("data")).isEqualTo(data);
		assertThat(this.api.get("/api/v1/payments/" + transactionId).json().get("data")).isEqualTo(data);
		assertError(this.api.get("/api/v1/payments/pay_unknown"), 404, "NOT_FOUND");
		assertError(this.api.get("/api/v1/payments/txn_unknown"), 404, "NOT_FOUND");
	}

	@Test
	void theMethodDefaultsToCreditCard() {
		var response = this.api.post(PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 100));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().at("/data/paymentMethod").asString()).isEqualTo("credit_card");
	}

	@Test
	void aReplayAnswersTheOriginalBodyAndChargesNothing() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		var first = this.api.post(PROCESS, PaymentBodies.payment(orderId, 500), "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		var again = this.api.post(PROCESS, PaymentBodies.payment(orderId, 500), "Idempotency-Key", key);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.body()).isEqualTo(first.body());
		// The default method is part of the request: spelling it out is the same request.
		var spelledOut = this.api.post(PROCESS, PaymentBodies.payment(orderId, 500, "credit_card"), "Idempotency-Key",
				key);
		assertThat(spelledOut.body()).isEqualTo(first.body());
		assertThat(paymentsOf(orderId)).hasSize(1);
	}

	@Test
	void theBodysKeyAndThenTheOrderIdAreKeysToo() {
		String orderId = PaymentBodies.orderId();
		String body = "{\"orderId\":\"" + orderId + "\",\"amount\":700,\"idempotencyKey\":\"" + PaymentBodies.key()
				+ "\"}";
		var first = this.api.post(PROCESS, body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(this.api.post(PROCESS, body).header("Idempotent-Replayed")).isEqualTo("true");

		String other = PaymentBodies.orderId();
		var byOrder = this.api.post(PROCESS, PaymentBodies.payment(other, 700));
		var byOrderAgain = this.api.post(PROCESS, PaymentBodies.payment(other, 700));
		assertThat(byOrderAgain.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(byOrderAgain.body()).isEqualTo(byOrder.body());
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		assertThat(this.api.post(PROCESS, PaymentBodies.payment(orderId, 500), "Idempotency-Key", key).status())
			.isEqualTo(201);
		assertError(this.api.post(PROCESS, PaymentBodies.payment(orderId, 501), "Idempotency-Key", key), 422,
				"IDEMPOTENCY_KEY_REUSED");
		assertError(this.api.post(PROCESS, PaymentBodies.payment(orderId, 500, "paypal"), "Idempotency-Key", key), 422,
				"IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void aDeclineIs402WithTheFailedPaymentAndARetryWithANewKeyCompletes() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		var declined = this.api.post(PROCESS, PaymentBodies.payment(orderId, 900, "test_declined"), "Idempotency-Key",
				key);
		assertError(declined, 402, "PAYMENT_DECLINED");
		JsonNode details = declined.json().get("details");
		assertThat(details.get("status").asString()).isEqualTo("failed");
		assertThat(details.get("failureReason").asString()).isEqualTo("payment_declined");
		assertThat(details.get("paymentId").asString()).startsWith("pay_");
		assertThat(declined.json().get("requestId").asString()).isNotBlank();

		var replayed = this.api.post(PROCESS, PaymentBodies.payment(orderId, 900, "test_declined"), "Idempotency-Key",
				key);
		assertError(replayed, 402, "PAYMENT_DECLINED");
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
		// The same declined payment; the envelope's requestId is the repeat's own.
		assertThat(replayed.json().get("details")).isEqualTo(details);
		assertThat(replayed.json().get("message")).isEqualTo(declined.json().get("message"));

		var retried = this.api.post(PROCESS, PaymentBodies.payment(orderId, 900, "credit_card"), "Idempotency-Key",
				PaymentBodies.key());
		assertThat(retried.status()).as(retried.body()).isEqualTo(201);
		assertThat(paymentsOf(orderId)).extracting((p) -> p.get("status").asString())
			.containsExactly("completed", "failed");

		// A failed payment has nothing to refund.
		assertError(this.api.post("/api/v1/payments/" + details.get("paymentId").asString() + "/refund", "{}"), 409,
				"INVALID_STATE");
	}

	@Test
	void twentyConcurrentRequestsWithOneKeyMakeOnePaymentAndOneEvent() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		try (EventTap tap = new EventTap(this.admin, this.connections)) {
			List<ApiClient.Response> responses = Concurrently.run(20,
					() -> this.api.post(PROCESS, PaymentBodies.payment(orderId, 4200), "Idempotency-Key", key));

			List<JsonNode> payments = paymentsOf(orderId);
			assertThat(payments).hasSize(1);
			String paymentId = payments.get(0).get("paymentId").asString();
			String transactionId = payments.get(0).get("transactionId").asString();
			for (ApiClient.Response response : responses) {
				if (response.status() == 409) {
					assertError(response, 409, "IDEMPOTENCY_IN_PROGRESS");
				}
				else {
					assertThat(response.status()).as(response.body()).isEqualTo(201);
					assertThat(response.json().at("/data/paymentId").asString()).isEqualTo(paymentId);
				}
			}
			assertThat(responses).filteredOn((r) -> r.status() == 201).isNotEmpty();
			assertThat(responses).filteredOn((r) -> r.header("Idempotent-Replayed") == null).hasSize(1);

			await().atMost(Duration.ofSeconds(20)).until(() -> !tap.forTransaction(transactionId).isEmpty());
			await().atMost(Duration.ofSeconds(20)).until(() -> pendingEventsOf(paymentId) == 0);
			List<EventTap.Received> events = tap.forTransaction(transactionId);
			assertThat(events).hasSize(1);
			EventTap.Received event = events.get(0);
			assertThat(event.event().get("status").asString()).isEqualTo("completed");
			assertThat(event.event().get("type").asString()).isEqualTo("charge");
			assertThat(event.event().get("paymentId").asString()).isEqualTo(paymentId);
			assertThat(event.event().get("amount").asLong()).isEqualTo(4200);
			assertThat(event.message().getMessageProperties().getMessageId()).isEqualTo(transactionId);
			assertThat(event.message().getMessageProperties().getContentType()).isEqualTo("application/json");
			assertThat(event.message().getMessageProperties().getHeaders().get("X-Request-Id")).isNotNull();
		}
	}

	@Test
	void tenConcurrentRequestsForOneOrderWithDifferentKeysCompleteOnce() {
		String orderId = PaymentBodies.orderId();
		List<ApiClient.Response> responses = Concurrently.run(10, (i) -> () -> this.api.post(PROCESS,
				PaymentBodies.payment(orderId, 1000), "Idempotency-Key", PaymentBodies.key()));
		assertThat(responses).filteredOn((r) -> r.status() == 201).hasSize(1);
		for (ApiClient.Response response : responses) {
			if (response.status() != 201) {
				assertError(response, 409, "CONFLICT");
			}
		}
		assertThat(paymentsOf(orderId)).extracting((p) -> p.get("status").asString()).containsExactly("completed");
		// And afterwards too: the database refuses a second completed payment.
		assertError(this.api.post(PROCESS, PaymentBodies.payment(orderId, 1000), "Idempotency-Key", PaymentBodies.key()),
				409, "CONFLICT");
	}

	@Test
	void aRefundIsOnceAndPublishesARefundEvent() {
		String orderId = PaymentBodies.orderId();
		try (EventTap tap = new EventTap(this.admin, this.connections)) {
			JsonNode payment = this.api.post(PROCESS, PaymentBodies.payment(orderId, 2500)).json().get("data");
			String paymentId = payment.get("paymentId").asString();
			String transactionId = payment.get("transactionId").asString();

			var refunded = this.api.post("/api/v1/payments/" + paymentId + "/refund", "{}");
			assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
			assertThat(refunded.json().at("/data/status").asString()).isEqualTo("refunded");
			assertThat(refunded.json().at("/data/refundedAt").isMissingNode()).isFalse();
			var again = this.api.post("/api/v1/payments/" + paymentId + "/refund", "{}");
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.json().get("data")).isEqualTo(refunded.json().get("data"));
			assertError(this.api.post("/api/v1/payments/pay_nope/refund", "{}"), 404, "NOT_FOUND");

			await().atMost(Duration.ofSeconds(20))
				.until(() -> tap.forTransaction(transactionId)
					.stream()
					.map((e) -> e.event().get("status").asString())
					.collect(Collectors.toSet())
					.containsAll(List.of("completed", "refunded")));
			List<EventTap.Received> events = tap.forTransaction(transactionId);
			// At least once (OutboxRelay): the refund's publish can meet the charge's event in the document it wrote
			// before the charge's publish was marked, and send it again under the same message id, which the worker
			// stores once. Two events, each with an id of its own.
			assertThat(events).extracting((e) -> e.event().get("status").asString())
				.containsOnly("completed", "refunded");
			assertThat(events.stream().collect(Collectors.groupingBy(
					(e) -> e.event().get("status").asString(),
					Collectors.mapping((e) -> e.message().getMessageProperties().getMessageId(),
							Collectors.toSet()))))
				.allSatisfy((status, ids) -> assertThat(ids).as(status).hasSize(1));
			EventTap.Received refund = events.stream()
				.filter((e) -> e.event().get("type").asString().equals("refund"))
				.findFirst()
				.orElseThrow();
			assertThat(refund.message().getMessageProperties().getMessageId()).isEqualTo(transactionId + ":refund");
			assertThat(refund.event().get("timestamp").asString())
				.isGreaterThan(payment.get("createdAt").asString());
		}
	}

	@Test
	void paymentsOfAnOrderAreNewestFirstAndEmptyWhenNone() {
		String orderId = PaymentBodies.orderId();
		String failed = this.api.post(PROCESS, PaymentBodies.payment(orderId, 10, "test_declined"), "Idempotency-Key",
				PaymentBodies.key()).json().at("/details/paymentId").asString();
		String completed = this.api.post(PROCESS, PaymentBodies.payment(orderId, 10), "Idempotency-Key",
				PaymentBodies.key()).json().at("/data/paymentId").asString();
		var response = this.api.get("/api/v1/payments/order/" + orderId);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("data").findValuesAsString("paymentId")).containsExactly(completed, failed);

		var none = this.api.get("/api/v1/payments/order/" + PaymentBodies.orderId());
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.json().get("data").isArray()).isTrue();
		assertThat(none.json().get("data").size()).isZero();
	}

	@Test
	void theListFiltersByStatusOrderAndCustomer() {
		String customerId = "cust_" + PaymentBodies.orderId().substring(4, 20);
		String first = PaymentBodies.orderId();
		String second = PaymentBodies.orderId();
		this.api.post(PROCESS, PaymentBodies.payment(first, 10, "paypal", customerId, "prod_001"));
		this.api.post(PROCESS, PaymentBodies.payment(second, 20, "test_declined", customerId, "prod_002"));
		this.api.post(PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 30, "paypal", "cust_other", "prod_001"));

		var byCustomer = this.api.get("/api/v1/payments?customerId=" + customerId);
		assertThat(byCustomer.status()).isEqualTo(200);
		assertThat(byCustomer.json().get("data").findValuesAsString("orderId")).containsExactly(second, first);
		assertThat(byCustomer.json().at("/pagination/total").asLong()).isEqualTo(2);

		var failed = this.api.get("/api/v1/payments?status=failed&customerId=" + customerId);
		assertThat(failed.json().get("data").findValuesAsString("orderId")).containsExactly(second);
		var byOrder = this.api.get("/api/v1/payments?orderId=" + first);
		assertThat(byOrder.json().get("data").findValuesAsString("orderId")).containsExactly(first);

		var paged = this.api.get("/api/v1/payments?page=2&limit=1&customerId=" + customerId);
		assertThat(paged.json().get("data").findValuesAsString("orderId")).containsExactly(first);
		assertThat(paged.json().at("/pagination/totalPages").asLong()).isEqualTo(2);
	}

	@Test
	void theQueueStatusShowsTheBrokerAndTheOutbox() {
		this.api.post(PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 10));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.get("/api/v1/payments/queue/status").json().at("/data/pendingEvents").asLong() == 0);
		var response = this.api.get("/api/v1/payments/queue/status");
		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.json().get("data");
		assertThat(data.get("connected").asBoolean()).isTrue();
		assertThat(data.get("exchange").asString()).isEqualTo("ecommerce.transactions");
		assertThat(data.get("queue").asString()).isEqualTo("transaction.save");
		assertThat(data.get("routingKey").asString()).isEqualTo("transaction.created");
		assertThat(data.get("messageCount").isNumber()).isTrue();
		assertThat(data.get("consumerCount").isNumber()).isTrue();
		assertThat(data.get("deadLetterCount").isNumber()).isTrue();
		assertThat(data.get("oldestPendingAgeMs").isNull()).isTrue();
	}

	@Test
	void thePaymentsAndTheirKeysHaveTheIndexesTheirDocumentsDeclare() {
		Map<String, IndexInfo> payments = indexes("payments");
		assertThat(payments).containsOnlyKeys("_id_", "completedOrderId_unique", "transactionId", "orderId_createdAt",
				"customerId_createdAt", "status_createdAt", "createdAt_desc", "pendingEvents");
		assertThat(payments.get("completedOrderId_unique").isUnique()).isTrue();
		assertThat(payments.get("completedOrderId_unique").isSparse()).isTrue();
		assertThat(payments.get("transactionId").isUnique()).isTrue();
		assertThat(payments.get("orderId_createdAt").getIndexFields()).containsExactly(
				IndexField.create("orderId", Sort.Direction.ASC), IndexField.create("createdAt", Sort.Direction.DESC));
		assertThat(payments.get("createdAt_desc").getIndexFields())
			.containsExactly(IndexField.create("createdAt", Sort.Direction.DESC));
		assertThat(indexes("idempotency_keys").get("expiresAt_ttl").getExpireAfter()).contains(Duration.ZERO);
	}

	private Map<String, IndexInfo> indexes(String collection) {
		return this.mongo.indexOps(collection)
			.getIndexInfo()
			.stream()
			.collect(Collectors.toMap(IndexInfo::getName, (index) -> index));
	}

	private List<JsonNode> paymentsOf(String orderId) {
		var response = this.api.get("/api/v1/payments/order/" + orderId);
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> payments = new java.util.ArrayList<>();
		response.json().get("data").forEach(payments::add);
		return payments;
	}

	private int pendingEventsOf(String paymentId) {
		Payment payment = this.mongo.findOne(Query.query(Criteria.where("_id").is(paymentId)), Payment.class);
		return payment.pendingEvents();
	}

}
