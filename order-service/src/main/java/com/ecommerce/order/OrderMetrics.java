package com.ecommerce.order;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Orders as Prometheus sees them: {@code orders_placed_total} (Prometheus reserves {@code _created}), {@code orders_completed_total},
 * {@code orders_failed_total}, {@code orders_cancelled_total}, {@code orders_recovered_total},
 * {@code orders_needs_attention_total} (an alert: recovery gave up on an order), and
 * {@code orders_latency_seconds} (the time {@code POST /orders} spends on the saga). Circuit-breaker states come from
 * Resilience4j as {@code resilience4j_circuitbreaker_state}.
 */
@Component
class OrderMetrics {

	private final Counter created;

	private final Counter completed;

	private final Counter failed;

	private final Counter cancelled;

	private final Counter recovered;

	private final Counter needsAttention;

	private final Timer latency;

	OrderMetrics(MeterRegistry registry) {
		this.created = counter(registry, "placed");
		this.completed = counter(registry, "completed");
		this.failed = counter(registry, "failed");
		this.cancelled = counter(registry, "cancelled");
		this.recovered = counter(registry, "recovered");
		this.needsAttention = Counter.builder("orders.needs.attention")
			.description("Orders the recovery job gave up on: an operator must look at them")
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

	/** Counts an order that reached {@code status}. */
	void ended(OrderStatus status) {
		switch (status) {
			case completed -> this.completed.increment();
			case failed -> this.failed.increment();
			case cancelled -> this.cancelled.increment();
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

	private static Counter counter(MeterRegistry registry, String what) {
		return Counter.builder("orders." + what).description("Orders " + what).register(registry);
	}

}
