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

import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers that mean "not like this" rather than "no": a follow-up refused with "changing too fast, retry" is retried
 * (not given up), and a charge refused because the order is paid already settles the order by that payment (not
 * fails it and gives its stock back). And a yes that can't be acted on: stock reserved at a price no payment can be
 * is given back at once.
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

	/**
	 * product-service reserves for no more than a payment can be; should it answer a reservation at a price beyond
	 * that all the same, the order is refused as product-service would have refused it, never a 500, and the stock it
	 * took is given back before the answer.
	 */
	@Test
	void aReservationAnsweredAtAPriceNoPaymentCanBeIsGivenBackAndTheOrderRefused() {
		String product = this.services.newProduct(500, 5);
		products.rewriteAnswer("POST /api/v1/products/" + product + "/reserve",
				(reserved) -> reserved.replace("\"unitPrice\":500,", "\"unitPrice\":9000000000000000000,"));

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 2));

		assertValidationError(answer, "quantity");
		String orderId = answer.json().at("/details/orderId").asString();
		Order stored = this.mongo.findById(orderId, Order.class);
		assertThat(stored.orderStatus()).isEqualTo(OrderStatus.failed);
		assertThat(stored.failureReason()).isEqualTo(FailureReason.rejected.name());
		assertThat(stored.owed()).isEmpty();
		assertThat(events(this.api, orderId)).contains("released").doesNotContain("reserved", "payment_requested");
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(this.services.reservedStock(product)).isZero();
		assertThat(this.services.paymentsOf(orderId)).isEmpty();
	}

	@Test
	void aChargeRefusedBecauseTheOrderIsPaidAlreadySettlesTheOrderByThatPayment() throws Exception {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(700, 5);
		CompletableFuture<ApiClient.Response> placing = placeWithASlowCharge(customer, product);
		// While the order's own charge is on its way, the order is paid under another key.
		String orderId = orderOf(customer);
		ApiClient.Response paid = payElsewhere(orderId, customer, 700);

		ApiClient.Response answer = placing.get();

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(answer.json().at("/data/paymentId").asString())
			.isEqualTo(paid.json().at("/data/paymentId").asString());
		assertThat(this.services.stock(product)).isEqualTo(4);
	}

	/**
	 * The order's id paid under another key with another amount before the order's own charge: that payment is not the
	 * charge the order asked for, so it never completes the order, which is left to an operator instead.
	 */
	@Test
	void aPaymentOfAnotherAmountForTheOrderNeverCompletesItAndLeavesItToAnOperator() throws Exception {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(700, 5);
		CompletableFuture<ApiClient.Response> placing = placeWithASlowCharge(customer, product);
		String orderId = orderOf(customer);
		String paymentId = payElsewhere(orderId, customer, 1).json().at("/data/paymentId").asString();

		ApiClient.Response answer = placing.get();

		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("processing");
		assertThat(answer.json().at("/data/needsAttention").asBoolean()).isTrue();
		Order stored = this.mongo.findById(orderId, Order.class);
		assertThat(stored.paymentId()).isNull();
		assertThat(stored.recoverAt()).isNull();
		assertThat(stored.timeline().getLast().event()).isEqualTo(TimelineEntry.NEEDS_ATTENTION);
		assertThat(stored.timeline().getLast().detail()).contains(paymentId, "1 cents paid, the order is for 700");
		assertThat(this.services.paymentsOf(orderId)).singleElement()
			.satisfies((payment) -> assertThat(payment.get("paymentId").asString()).isEqualTo(paymentId));
		// Still held for the order, not sold: an operator decides (a cancel gives it back and refunds that payment).
		assertThat(this.services.reservedStock(product)).isEqualTo(1);
		assertThat(this.api.post("/api/v1/orders/" + orderId + "/cancel", "{}").json().at("/data/orderStatus")
			.asString()).isEqualTo("cancelled");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				this.services.paymentsOf(orderId).getFirst().get("status").asString()).isEqualTo("refunded"));
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	/** A payment made for the order's id at payment-service directly, under a key of its own. */
	private ApiClient.Response payElsewhere(String orderId, String customerId, long amount) {
		ApiClient.Response paid = this.services.payments()
			.post("/api/v1/payments/process",
					"{\"orderId\": \"%s\", \"customerId\": \"%s\", \"amount\": %d}".formatted(orderId,
							customerId, amount),
					"Idempotency-Key", "paid-elsewhere-" + orderId);
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		return paid;
	}

	/** An order of 1 placed in the background, its charge held back 1.2 s on the way to payment-service. */
	private CompletableFuture<ApiClient.Response> placeWithASlowCharge(String customer, String product) {
		payments.delay("POST /api/v1/payments/process", 1200);
		return CompletableFuture
			.supplyAsync(() -> this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1)));
	}

	/** The id of the customer's order, once it is stored. */
	private String orderOf(String customer) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> this.api.get("/api/v1/orders?customerId=" + customer).json().at("/data/0/orderId").asString(),
					(id) -> !id.isEmpty());
	}

}
