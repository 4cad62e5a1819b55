package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.shared.Ids;

import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order whose follow-up fails every time (product-service answers 500 for its product) never stops the recovery
 * job from settling the others (nor opens product-service's circuit for them): it waits a growing back-off between
 * attempts, and after the last one it is left to an operator, who lists it and, the cause fixed, hands it back. An
 * order held back by an outage instead waits for the service without using up its attempts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=1s", "order.recovery.interval=200ms", "order.recovery.batch-size=10",
				"order.recovery.max-attempts=3" })
class RecoveryProgressTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy products = new FaultyProxy(Downstreams.get().productUrl());

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OrderProperties properties;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, products);
	}


	@Test
	void anOrderThatKeepsFailingWaitsItsTurnAndIsLeftToAnOperatorWhileTheOthersAreSettled() {
		String broken = this.services.newProduct(100, 5);
		String brokenOrder = Ids.order();
		reserve(broken, brokenOrder);
		products.answer("POST /api/v1/products/" + broken + "/", 500,
				"{\"success\":false,\"code\":\"INTERNAL_ERROR\",\"message\":\"broken\"}", Integer.MAX_VALUE);
		// Failed a minute ago and still owing its release: the first in line for the job, every pass.
		leftBehind(brokenOrder, broken, OrderStatus.failed, List.of(FollowUp.release), 60);
		String product = this.services.newProduct(100, 30);
		List<String> others = IntStream.range(0, 20).mapToObj((i) -> {
			String orderId = Ids.order();
			reserve(product, orderId);
			leftBehind(orderId, product, OrderStatus.processing, List.of(), 30);
			return orderId;
		}).toList();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(30));
		assertThat(others).allSatisfy((orderId) -> assertThat(status(orderId)).isEqualTo("failed"));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.api
			.get("/api/v1/orders/needs-attention")
			.json()
			.get("data")
			.findValuesAsString("orderId")).containsExactly(brokenOrder));
		assertThat(events(this.api, brokenOrder)).contains("needs_attention").doesNotContain("released");

		products.heal();
		ApiClient.Response again = this.api.post("/api/v1/orders/" + brokenOrder + "/recover", "");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(events(this.api, brokenOrder)).contains("released"));
		assertThat(this.services.stock(broken)).isEqualTo(5);
		assertThat(this.api.get("/api/v1/orders/needs-attention").json().get("data")).isEmpty();
	}

	@Test
	void anOrderHeldBackByAnOutageWaitsWithoutUsingUpItsAttemptsAndGoesOnWhenTheServiceIsBack() {
		String product = this.services.newProduct(100, 5);
		String orderId = Ids.order();
		reserve(product, orderId);
		products.down();
		leftBehind(orderId, product, OrderStatus.failed, List.of(FollowUp.release), 60);

		// More passes than max-attempts, each one held back by the outage (connections refused, then the circuit).
		Set<Instant> passes = new HashSet<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Instant next = this.mongo.findById(orderId, Order.class).nextAttemptAt();
			if (next != null) {
				passes.add(next);
			}
			return passes.size() > 3;
		});
		Order waiting = this.mongo.findById(orderId, Order.class);
		assertThat(waiting.attempts()).isZero();
		assertThat(waiting.needsAttention()).isNull();

		products.up();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(events(this.api, orderId)).contains("released"));
		assertThat(this.services.stock(product)).isEqualTo(5);
	}

	private String status(String orderId) {
		return this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString();
	}

	/** One unit of {@code productId} reserved for the order, at product-service itself. */
	private void reserve(String productId, String orderId) {
		ApiClient.Response reserved = this.services.products()
			.post("/api/v1/products/" + productId + "/reserve",
					"{\"orderId\": \"%s\", \"quantity\": 1}".formatted(orderId));
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
	}

	/** The order as an instance that crashed left it, last changed {@code secondsAgo}, due since the time-out. */
	private void leftBehind(String orderId, String productId, OrderStatus status, List<FollowUp> owed,
			int secondsAgo) {
		Instant then = Instant.now().minusSeconds(secondsAgo);
		TimelineEntry created = new TimelineEntry(then, TimelineEntry.CREATED, OrderStatus.pending, null, "crashed");
		this.mongo.insert(new Order(orderId, "cust_recovery", productId, 1, "credit_card", 100L, 100L, status,
				(status == OrderStatus.failed) ? "payment_declined" : null, null, null, null, null, null, then, then,
				owed, null, List.of(created), null, null, null, then.plus(this.properties.recovery().timeout())));
	}

}
