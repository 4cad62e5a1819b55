package com.ecommerce.order;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.shared.Ids;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.order.OrderRequests.events;
import static com.ecommerce.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order meters move with the orders: failures by reason, revenue and refunds in cents, stock-outs by product,
 * and the overdue and needing-attention gauges after a refresh. A context of its own whose recovery job does not run,
 * so that the orders written here as a crashed instance would leave them stay as they are.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "order.recovery.interval=1h")
class OrderMetricsTests extends OrderServiceTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	OrderGauges gauges;

	@Autowired
	OrderRepository orderRepository;

	@Autowired
	OrderProperties properties;

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry);
	}

	@Test
	void aDeclinedOrderCountsAsFailedForPaymentDeclined() {
		double declinedBefore = failed("payment_declined");
		double placedBefore = counter("orders.placed");

		ApiClient.Response created = this.api.post("/api/v1/orders",
				OrderRequests.declined(this.services.newCustomer(), this.services.newProduct(1000, 5), 2));

		assertThat(created.json().at("/data/failureReason").asString()).isEqualTo("payment_declined");
		assertThat(failed("payment_declined")).isEqualTo(declinedBefore + 1);
		assertThat(counter("orders.placed")).isEqualTo(placedBefore + 1);
		assertThat(scrape()).anyMatch((line) -> line.startsWith("orders_failed_total{")
				&& line.contains("reason=\"payment_declined\"") && !line.endsWith(" 0.0"));
		assertThat(scrape()).anyMatch((line) -> line.startsWith("orders_failed_total{")
				&& line.contains("reason=\"not_paid_in_time\""));
	}

	@Test
	void aCompletedOrderAddsItsAmountToTheRevenueAndItsRefundToTheRefundedAmount() {
		double revenueBefore = counter("orders.revenue.cents");
		double refundedBefore = counter("orders.refunded.cents");
		String product = this.services.newProduct(2500, 10);

		ApiClient.Response created = this.api.post("/api/v1/orders", order(this.services.newCustomer(), product, 3));

		assertThat(created.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(counter("orders.revenue.cents")).isEqualTo(revenueBefore + 7500);
		String orderId = created.json().at("/data/orderId").asString();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(events(this.api, orderId)).contains("committed"));
		ApiClient.Response refund = this.api.post("/api/v1/orders/" + orderId + "/refund", "{}");
		assertThat(refund.json().at("/data/orderStatus").asString()).as(refund.body()).isEqualTo("refunded");
		assertThat(counter("orders.refunded.cents")).isEqualTo(refundedBefore + 7500);
		assertThat(counter("orders.revenue.cents")).as("a refund takes nothing off the revenue")
			.isEqualTo(revenueBefore + 7500);
		assertThat(scrape()).anyMatch(exposes("orders_revenue_cents_total"))
			.anyMatch(exposes("orders_refunded_cents_total"));
	}

	@Test
	void eachStepOfTheSagaIsTimed() {
		long reserved = steps(SagaSpans.RESERVE);
		long paid = steps(SagaSpans.PAY);
		long committed = steps(SagaSpans.COMMIT);

		ApiClient.Response created = this.api.post("/api/v1/orders",
				order(this.services.newCustomer(), this.services.newProduct(1200, 4), 1));

		assertThat(created.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(steps(SagaSpans.RESERVE)).isEqualTo(reserved + 1);
		assertThat(steps(SagaSpans.PAY)).isEqualTo(paid + 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> steps(SagaSpans.COMMIT) == committed + 1);
		// What deploy/prometheus's step:order_saga_seconds:mean5m reads.
		assertThat(scrape()).anyMatch(exposes("order_reserve_seconds_count"))
			.anyMatch(exposes("order_pay_seconds_count"))
			.anyMatch(exposes("order_commit_seconds_count"));
	}

	@Test
	void anOrderRefusedForStockIsAStockOutOfItsProduct() {
		String product = this.services.newProduct(1000, 1);
		double shortBefore = failed("insufficient_stock");

		assertError(this.api.post("/api/v1/orders", order(this.services.newCustomer(), product, 2)), 409,
				"INSUFFICIENT_STOCK");

		assertThat(this.meters.get("orders.stock.outs").tag("productId", product).counter().count()).isEqualTo(1);
		assertThat(failed("insufficient_stock")).isEqualTo(shortBefore + 1);
		assertThat(scrape()).anyMatch((line) -> line.startsWith("orders_stock_outs_total{")
				&& line.contains("productId=\"" + product + "\"") && line.endsWith(" 1.0"));
	}

	@Test
	void theGaugesCountOverdueOrdersAndOrdersNeedingAttentionAtTheirRefresh() {
		this.gauges.refresh();
		double overdueBefore = gauge("orders.overdue");
		double attentionBefore = gauge("orders.needing.attention");
		Duration timeout = this.properties.recovery().timeout();
		Instant now = Instant.now();
		String product = this.services.newProduct(100, 10);
		insert(product, OrderStatus.pending, now.minus(timeout).minusSeconds(60), null);
		insert(product, OrderStatus.processing, now.minus(timeout).minusSeconds(60), null);
		// Due, but not for a whole time-out yet: the job may still get to it.
		insert(product, OrderStatus.processing, now.minusSeconds(1), null);
		// Not open, though its recoverAt is long past (the recovery job has yet to let go of it).
		insert(product, OrderStatus.completed, now.minus(timeout).minusSeconds(60), null);
		insert(product, OrderStatus.pending, null, true);

		CollectionScans.reset();
		this.gauges.refresh();

		assertThat(CollectionScans.count(this.mongo.getDb().getName(), "orders")).isZero();
		assertThat(gauge("orders.overdue")).isEqualTo(overdueBefore + 2);
		assertThat(gauge("orders.needing.attention")).isEqualTo(attentionBefore + 1);
		assertThat(scrape()).anyMatch(exposes("orders_overdue")).anyMatch(exposes("orders_needing_attention"));
	}

	@Test
	void theGaugesKeepTheirLastValuesWhileMongoDbIsDown() {
		AtomicBoolean down = new AtomicBoolean();
		OrderRepository flaky = (OrderRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { OrderRepository.class }, (proxy, method, args) -> {
					if (down.get()) {
						throw new DataAccessResourceFailureException("MongoDB is down (test)");
					}
					try {
						return method.invoke(this.orderRepository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		OrderGauges gauges = new OrderGauges(flaky, this.properties, registry);
		String product = this.services.newProduct(100, 10);
		insert(product, OrderStatus.pending, null, true);
		gauges.refresh();
		double attention = registry.get("orders.needing.attention").gauge().value();
		assertThat(attention).isPositive();

		down.set(true);
		gauges.refresh();
		gauges.refresh();

		assertThat(registry.get("orders.needing.attention").gauge().value()).isEqualTo(attention);
		down.set(false);
		insert(product, OrderStatus.pending, null, true);
		gauges.refresh();
		assertThat(registry.get("orders.needing.attention").gauge().value()).isEqualTo(attention + 1);
	}

	/** As an instance that crashed would leave it: due for the recovery job at {@code recoverAt}. */
	private void insert(String productId, OrderStatus status, Instant recoverAt, Boolean needsAttention) {
		Instant then = (recoverAt != null) ? recoverAt.minus(this.properties.recovery().timeout())
				: Instant.now().minusSeconds(60);
		TimelineEntry created = new TimelineEntry(then, TimelineEntry.CREATED, OrderStatus.pending, null, "crashed");
		this.mongo.insert(new Order(Ids.order(), "cust_metrics", productId, 1, "credit_card", 100L, 100L, status,
				null, null, null, null, null, null, then, then, List.of(), null, List.of(created), null, null,
				needsAttention, recoverAt));
	}

	private double failed(String reason) {
		return this.meters.get("orders.failed").tag("reason", reason).counter().count();
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	/** How often a saga step ran, failed or not. */
	private long steps(String name) {
		return this.meters.find(name).timers().stream().mapToLong(Timer::count).sum();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	/** A sample line of the metric, with or without labels. */
	private static Predicate<String> exposes(String name) {
		return (line) -> line.startsWith(name + " ") || line.startsWith(name + "{");
	}

	private List<String> scrape() {
		return this.api.management().get("/actuator/prometheus").body().lines().toList();
	}

}
