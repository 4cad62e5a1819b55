package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.shared.Ids;
import com.ecommerce.shared.idempotency.IdempotentRequests;

import com.ecommerce.shared.mongo.OneTimeMigration;

import static com.ecommerce.order.OrderRequests.events;
import static com.ecommerce.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query of the order path and of the recovery job is served by an index: the embedded store counts each query
 * it could answer only by reading a whole collection ({@link CollectionScans}), and neither {@code orders} nor the
 * idempotency keys may see one; and the recovery job reads the orders due, never the history. On MongoDB the same
 * holds with {@code notablescan} set (docs/architecture.md).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.recovery.timeout=1s", "order.recovery.interval=200ms" })
class IndexedQueriesTests extends AgainstRealServices {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OrderProperties properties;

	@Autowired
	IdempotentRequests idempotentRequests;

	@Autowired
	RecoverAtBackfill backfill;

	@Autowired
	OrderRecovery recovery;

	@Test
	void placingListingAndRecoveringOrdersReadsNoCollectionWhole() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 50);
		CollectionScans.reset();

		String completed = placed(this.api.post("/api/v1/orders", order(customer, product, 1)), "completed");
		String keyed = placed(this.api.post("/api/v1/orders", order(customer, product, 2), "Idempotency-Key",
				"indexed-" + Ids.order()), "completed");
		String declined = placed(this.api.post("/api/v1/orders", OrderRequests.declined(customer, product, 1)),
				"failed");
		// Left behind by a crash: open, and closed but still owing its release; the recovery job settles both.
		String open = Ids.order();
		reserve(product, open);
		leftBehind(open, product, OrderStatus.processing, List.of());
		String owing = Ids.order();
		reserve(product, owing);
		leftBehind(owing, product, OrderStatus.failed, List.of(FollowUp.release));
		// Settled, each order leaves the recovery job's index (the failed one once its refund can't be owed any more):
		// the job's query never meets it again.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(List.of(completed, keyed, declined, open, owing))
				.allSatisfy((orderId) -> assertThat(stored(orderId).recoverAt()).as(orderId).isNull()));
		assertThat(status(open)).isEqualTo("failed");
		assertThat(events(this.api, owing)).contains("released");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(47));
		// A page of one forces the count of each list.
		assertThat(this.api.get("/api/v1/orders?customerId=" + customer + "&limit=1").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/orders?status=completed&limit=1").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/orders/customer/" + customer + "?status=failed&limit=1").status())
			.isEqualTo(200);
		assertThat(this.api.get("/api/v1/orders/needs-attention?limit=1").status()).isEqualTo(200);
		this.idempotentRequests.removeExpired();

		assertThat(CollectionScans.count(database(), "orders")).as(CollectionScans.snapshot().toString()).isZero();
		assertThat(CollectionScans.count(database(), "idempotency_keys")).as(CollectionScans.snapshot().toString())
			.isZero();
	}

	@Test
	void aRecoveryPassReadsTheOrdersDueAndNotTheHistory() {
		String product = this.services.newProduct(100, 5);
		Instant longAgo = Instant.now().minusSeconds(3600);
		for (int i = 0; i < 50; i++) {
			insert(Ids.order(), product, OrderStatus.completed, List.of(), longAgo, null, null);
		}
		String due = Ids.order();
		leftBehind(due, product, OrderStatus.pending, List.of());
		CollectionScans.reset();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(due).recoverAt()).isNull());
		assertThat(stored(due).orderStatus()).isEqualTo(OrderStatus.failed);
		// Each claim read the one order due, not the fifty settled ones.
		assertThat(CollectionScans.examined(database(), "orders")).isLessThan(50);

		CollectionScans.reset();
		assertThat(this.recovery.recoverDue()).isZero();
		assertThat(CollectionScans.examined(database(), "orders")).isZero();
	}

	@Test
	void ordersStoredBeforeRecoverAtAreGivenItOnceAndRecovered() {
		String product = this.services.newProduct(100, 5);
		String open = Ids.order();
		String settled = Ids.order();
		String leftToAnOperator = Ids.order();
		olderOrder(open, product, OrderStatus.pending, null);
		olderOrder(settled, product, OrderStatus.completed, null);
		olderOrder(leftToAnOperator, product, OrderStatus.pending, true);
		this.mongo.remove(Query.query(Criteria.where("_id").is(RecoverAtBackfill.NAME)), OneTimeMigration.MIGRATIONS);

		assertThat(this.backfill.runOnce()).isEqualTo(1);
		assertThat(this.backfill.runOnce()).isZero();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(open)).isEqualTo("failed"));
		assertThat(stored(settled).recoverAt()).isNull();
		assertThat(stored(leftToAnOperator).recoverAt()).isNull();
		assertThat(status(leftToAnOperator)).isEqualTo("pending");
	}

	private String database() {
		return this.mongo.getDb().getName();
	}

	private String placed(ApiClient.Response response, String expectedStatus) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().at("/data/orderStatus").asString()).isEqualTo(expectedStatus);
		return response.json().at("/data/orderId").asString();
	}

	private String status(String orderId) {
		return this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString();
	}

	private Order stored(String orderId) {
		return this.mongo.findById(orderId, Order.class);
	}

	private void reserve(String productId, String orderId) {
		ApiClient.Response reserved = this.services.products()
			.post("/api/v1/products/" + productId + "/reserve",
					"{\"orderId\": \"%s\", \"quantity\": 1}".formatted(orderId));
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
	}

	/** As an instance that crashed left it a minute ago, due for recovery since the time-out. */
	private void leftBehind(String orderId, String productId, OrderStatus status, List<FollowUp> owed) {
		Instant then = Instant.now().minusSeconds(60);
		insert(orderId, productId, status, owed, then, null, then.plus(this.properties.recovery().timeout()));
	}

	/** As a version without recoverAt stored it, a minute ago. */
	private void olderOrder(String orderId, String productId, OrderStatus status, Boolean needsAttention) {
		insert(orderId, productId, status, List.of(), Instant.now().minusSeconds(60), needsAttention, null);
	}

	private void insert(String orderId, String productId, OrderStatus status, List<FollowUp> owed, Instant then,
			Boolean needsAttention, Instant recoverAt) {
		TimelineEntry created = new TimelineEntry(then, TimelineEntry.CREATED, OrderStatus.pending, null, "crashed");
		this.mongo.insert(new Order(orderId, "cust_indexed", productId, 1, "credit_card", 100L, 100L, status,
				(status == OrderStatus.failed) ? "payment_declined" : null, null, null, null, null, null, then, then,
				owed, null, List.of(created), null, null, needsAttention, recoverAt));
	}

}
