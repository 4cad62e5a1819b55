package com.ecommerce.order;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.metrics.GaugeRefresh;

/**
 * The orders' gauges: {@code orders_overdue}, open orders the recovery job should have settled a time-out ago and has
 * not (it is stuck, or not running), and {@code orders_needing_attention}, orders left to an operator. They are
 * counted in MongoDB every 30 s and the gauges read the last count: a scrape never queries MongoDB, however often
 * it comes. While MongoDB is down the gauges keep their last value, and the outage is logged once.
 */
@Component
class OrderGauges {

	private static final Logger log = LoggerFactory.getLogger(OrderGauges.class);

	private final OrderRepository orderRepository;

	private final Duration recoveryTimeout;

	private final AtomicLong overdue = new AtomicLong();

	private final AtomicLong needingAttention = new AtomicLong();

	private final GaugeRefresh counting = new GaugeRefresh(log, "overdue orders and orders needing attention");

	OrderGauges(OrderRepository orderRepository, OrderProperties properties, MeterRegistry registry) {
		this.orderRepository = orderRepository;
		this.recoveryTimeout = properties.recovery().timeout();
		Gauge.builder("orders.overdue", this.overdue, AtomicLong::get)
			.description("Open orders due for the recovery job for more than the recovery time-out")
			.register(registry);
		Gauge.builder("orders.needing.attention", this.needingAttention, AtomicLong::get)
			.description("Orders left to an operator (needsAttention)")
			.register(registry);
	}

	/** Counts again; runs at start-up, then every 30 s. */
	@Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	void refresh() {
		long overdueNow;
		long needingAttentionNow;
		try {
			// Due since recoverAt: a job that keeps up claims an order within an interval of that, not a time-out.
			overdueNow = this.orderRepository.countOverdue(Times.now().minus(this.recoveryTimeout));
			needingAttentionNow = this.orderRepository.countNeedingAttention();
		}
		catch (RuntimeException ex) {
			this.counting.failed(ex.toString());
			return;
		}
		this.overdue.set(overdueNow);
		this.needingAttention.set(needingAttentionNow);
		this.counting.succeeded();
	}

}
