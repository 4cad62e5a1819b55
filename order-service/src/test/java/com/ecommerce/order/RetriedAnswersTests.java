package com.ecommerce.order;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;

import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers that mean "not like this" rather than "no": a follow-up refused with "changing too fast, retry" is retried
 * (not given up), and a charge refused because the order is paid already settles the order by that payment (not
 * fails it and gives its stock back).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=4s", "order.recovery.interval=200ms" })
class RetriedAnswersTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy products = new FaultyProxy(Downstreams.get().productUrl());

	@RegisterExtension
	static final FaultyProxy payments = new FaultyProxy(Downstreams.get().paymentUrl());

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, products, payments);
	}


	@Test
	void aCommitMetWithARetryableConflictIsRetriedUntilItIsDone() {
		String product = this.services.newProduct(500, 5);
		products.answer("POST /api/v1/products/" + product + "/commit", 409,
				"{\"success\":false,\"code\":\"CONFLICT\",\"message\":\"Product is changing too fast; retry\"}", 1);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 2));

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		String orderId = answer.json().at("/data/orderId").asString();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(this.api, orderId)).contains("committed"));
		assertThat(events(this.api, orderId)).doesNotContain("follow_up_failed");
		assertThat(this.services.reservedStock(product)).isZero();
		assertThat(this.services.stock(product)).isEqualTo(3);
	}

	/** A refusal that asking again won't change: recorded for an operator, not retried for ever. */
	@Test
	void aCommitRefusedForGoodIsRecordedForAnOperatorAndNoLongerOwed() {
		String product = this.services.newProduct(500, 5);
		products.answer("POST /api/v1/products/" + product + "/commit", 409,
				"{\"success\":false,\"code\":\"INVALID_STATE\",\"message\":\"The reservation was released\"}",
				Integer.MAX_VALUE);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 1));

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		String orderId = answer.json().at("/data/orderId").asString();
		assertThat(events(this.api, orderId)).contains("follow_up_failed").doesNotContain("committed");
		Order stored = this.mongo.findById(orderId, Order.class);
		assertThat(stored.owed()).isEmpty();
		assertThat(stored.orderStatus()).isEqualTo(OrderStatus.completed);
	}

	@Test
	void aChargeRefusedBecauseTheOrderIsPaidAlreadySettlesTheOrderByThatPayment() throws Exception {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(700, 5);
		payments.delay("POST /api/v1/payments/process", 1200);

		CompletableFuture<ApiClient.Response> placing = CompletableFuture
			.supplyAsync(() -> this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1)));
		// While the order's own charge is on its way, the order is paid under another key.
		String orderId = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.api.get("/api/v1/orders?customerId=" + customer).json().at("/data/0/orderId").asString(),
					(id) -> !id.isEmpty());
		ApiClient.Response paid = this.services.payments()
			.post("/api/v1/payments/process", "{\"orderId\": \"%s\", \"amount\": 700}".formatted(orderId),
					"Idempotency-Key", "paid-elsewhere-" + orderId);
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);

		ApiClient.Response answer = placing.get();

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(answer.json().at("/data/paymentId").asString())
			.isEqualTo(paid.json().at("/data/paymentId").asString());
		assertThat(this.services.stock(product)).isEqualTo(4);
	}

}
