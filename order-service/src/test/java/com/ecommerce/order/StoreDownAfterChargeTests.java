package com.ecommerce.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedMongo;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payment-service charges the order, and order-service's MongoDB goes down before the order can be written completed.
 * The answer must not be a 503, which a client would retry, paying twice: it is a 202 with the order processing, and
 * once MongoDB is back the recovery job completes the order by that one payment. This test owns a MongoDB of its own
 * to stop it the moment the charge's answer passes the proxy in front of payment-service; its context is closed
 * afterwards, so that its recovery job doesn't keep looking for that MongoDB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=4s", "order.recovery.interval=200ms",
				"ecommerce.mongo.server-selection-timeout=500ms" })
@WithInfrastructure(Service.REDIS)
@DirtiesContext
class StoreDownAfterChargeTests extends OrderServiceTest {

	static final EmbeddedMongo mongo = EmbeddedMongo.inMemory(0).start();

	@RegisterExtension
	static final FaultyProxy payments = new FaultyProxy(Downstreams.get().paymentUrl());

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri() + "/store-down");
		Downstreams.register(registry, payments);
	}

	@AfterAll
	static void stopMongo() {
		mongo.stop();
	}

	@Test
	void aChargedOrderIsAcceptedWhileTheStoreIsDownAndCompletedByItsOnePaymentOnceItIsBack() {
		String product = this.services.newProduct(1200, 5);
		String order = OrderRequests.order(this.services.newCustomer(), product, 2);
		String key = "store-down-" + UUID.randomUUID();
		payments.beforeAnswering("POST /api/v1/payments/process", mongo::stop);

		String orderId;
		try {
			ApiClient.Response answer = this.api.post("/api/v1/orders", order, "Idempotency-Key", key);

			assertThat(mongo.isRunning()).as("MongoDB went down after the charge").isFalse();
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("processing");
			orderId = answer.json().at("/data/orderId").asString();
			onlyPayment(orderId);

			// The key can't be read while MongoDB is down: the retry is turned away, and nothing is charged again.
			assertError(this.api.post("/api/v1/orders", order, "Idempotency-Key", key), 503, "SERVICE_UNAVAILABLE");
			assertThat(this.services.paymentsOf(orderId)).hasSize(1);
		}
		finally {
			mongo.start();
		}

		// A client retrying until it gets an answer gets the same order, whether it is still processing or not.
		ApiClient.Response replayed = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.post("/api/v1/orders", order, "Idempotency-Key", key),
					(retried) -> retried.status() != 503);
		assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replayed.json().at("/data/orderId").asString()).isEqualTo(orderId);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(orderOf(orderId).get("orderStatus").asString()).isEqualTo("completed"));
		JsonNode payment = onlyPayment(orderId);
		JsonNode completed = orderOf(orderId);
		assertThat(completed.get("paymentId").asString()).isEqualTo(payment.get("paymentId").asString());
		assertThat(completed.get("transactionId").asString()).isEqualTo(payment.get("transactionId").asString());
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.services.stock(product)).isEqualTo(3);
			assertThat(this.services.reservedStock(product)).isZero();
		});
		assertThat(events(this.api, orderId)).contains("recovered", "committed");
	}

	private JsonNode orderOf(String orderId) {
		return this.api.get("/api/v1/orders/" + orderId).json().get("data");
	}

	/** The order's payment at payment-service, asserted to be its only one, and completed. */
	private JsonNode onlyPayment(String orderId) {
		List<JsonNode> made = this.services.paymentsOf(orderId);
		assertThat(made).singleElement()
			.satisfies((payment) -> assertThat(payment.get("status").asString()).isEqualTo("completed"));
		return made.getFirst();
	}

}
