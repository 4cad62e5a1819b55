package com.ecommerce.order;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Orders as Prometheus sees them:
 * <ul>
 * <li>{@code orders_placed_total} (Prometheus reserves {@code _created}), {@code orders_completed_total},
 * {@code orders_cancelled_total}, {@code orders_refunded_total}, {@code orders_recovered_total};</li>
 * <li>{@code orders_failed_total{reason}}, by the order's {@link FailureReason} (so the payment decline rate is
 * {@code rate(orders_failed_total{reason="payment_declined"}) / rate(orders_placed_total)});</li>
 * <li>{@code orders_revenue_cents_total}, the amount of every completed order, and
 * {@code orders_refunded_cents_total}, the amount of every refunded one;</li>
 * <li>{@code orders_stock_outs_total{productId}}: orders refused 409 {@code INSUFFICIENT_STOCK}, by product;</li>
 * <li>{@code orders_needs_attention_total} (an alert: an order was left to an operator);</li>
 * <li>{@code orders_latency_seconds} (the time {@code POST /orders} spends on the saga).</li>
 * </ul>
 * The gauges {@code orders_overdue} and {@code orders_needing_attention} are {@link OrderGauges}'. Circuit-breaker
 * states come from Resilience4j as {@code resilience4j_circuitbreaker_state}.
 */
@Component
class OrderMetrics {

	private final MeterRegistry registry;

	private final Counter created;

	private final Counter completed;

	private final Map<String, Counter> failed = new ConcurrentHashMap<>();

	private final Counter cancelled;

	private final Counter refunded;

	private final Counter recovered;

	private final Counter needsAttention;

	private final Counter revenue;

	private final Counter refundedAmount;

	private final Timer latency;

	OrderMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.created = counter(registry, "placed");
		this.completed = counter(registry, "completed");
		// Every reason from the start, at 0: a rate over a series that appears with its first increment misses it.
		for (FailureReason reason : FailureReason.values()) {
			failed(reason.name());
		}
		this.cancelled = counter(registry, "cancelled");
		this.refunded = counter(registry, "refunded");
		this.recovered = counter(registry, "recovered");
		this.needsAttention = Counter.builder("orders.needs.attention")
			.description("Orders left to an operator (recovery gave up, or a payment did not match): look at them")
			.register(registry);
		this.revenue = Counter.builder("orders.revenue.cents")
			.description("Amount of the orders that completed, in cents")
			.register(registry);
		this.refundedAmount = Counter.builder("orders.refunded.cents")
			.description("Amount refunded for refunded orders, in cents")
			.register(registry);
		this.latency = Timer.builder("orders.latency")
			.description("Time POST /orders spends running the saga")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	void created() {
		this.created.increment();
	}

	/**
	 * Counts an order that has just reached its status, as the move that ended it returned it: called once per order
	 * and status, by whoever won that move.
	 */
	void ended(Order order) {
		switch (order.orderStatus()) {
			case completed -> {
				this.completed.increment();
				this.revenue.increment(amountOf(order));
			}
			case failed -> {
				failed(order.failureReason()).increment();
				if (FailureReason.insufficient_stock.name().equals(order.failureReason())) {
					// Only the reserve's 409 fails an order for this reason: each one is an order refused for stock.
					stockOut(order.productId());
				}
			}
			case cancelled -> this.cancelled.increment();
			case refunded -> {
				this.refunded.increment();
				// An order completed with nothing to pay has no payment, and nothing was given back.
				this.refundedAmount.increment((order.paymentId() != null) ? amountOf(order) : 0);
			}
			default -> {
			}
		}
	}

	void recovered() {
		this.recovered.increment();
	}

	void needsAttention() {
		this.needsAttention.increment();
	}

	void placed(Duration took) {
		this.latency.record(took);
	}

	private Counter failed(String reason) {
		String tag = (reason != null) ? reason : "unknown";
		return this.failed.computeIfAbsent(tag, (key) -> Counter.builder("orders.failed")
			.description("Orders failed, by failure reason")
			.tag("reason", key)
			.register(this.registry));
	}

	/** One series per product that ran short: bounded by the catalog, as the product had to exist to run short. */
	private void stockOut(String productId) {
		Counter.builder("orders.stock.outs")
			.description("Orders refused for insufficient stock (409 INSUFFICIENT_STOCK), by product")
			.tag("productId", productId)
			.register(this.registry)
			.increment();
	}

	private static long amountOf(Order order) {
		return (order.amount() != null) ? order.amount() : 0;
	}

	private static Counter counter(MeterRegistry registry, String what) {
		return Counter.builder("orders." + what).description("Orders " + what).register(registry);
	}

}
