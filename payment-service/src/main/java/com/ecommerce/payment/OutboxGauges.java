package com.ecommerce.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.metrics.GaugeRefresh;

/**
 * How far behind the {@link OutboxRelay} is: {@code outbox_pending}, the events not relayed yet, and
 * {@code outbox_oldest_age_seconds}, how long the oldest of them has waited (0 when none). The backlog is read from
 * MongoDB every 10 s and the gauges read the last one: a scrape never queries MongoDB. While MongoDB is down they
 * keep the last backlog read, and the outage is logged once.
 */
@Component
class OutboxGauges {

	private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

	private final PaymentRepository paymentRepository;

	private volatile PaymentUpdates.OutboxBacklog backlog = new PaymentUpdates.OutboxBacklog(0, null);

	private final GaugeRefresh counting = new GaugeRefresh(log, "the outbox backlog");

	OutboxGauges(PaymentRepository paymentRepository, MeterRegistry registry) {
		this.paymentRepository = paymentRepository;
		Gauge.builder("outbox.pending", this, (gauges) -> gauges.backlog.pendingEvents())
			.description("Outbox events not relayed to the broker yet")
			.register(registry);
		Gauge.builder("outbox.oldest.age", this, OutboxGauges::oldestAgeSeconds)
			.description("How long the oldest outbox event not relayed yet has waited; 0 when none waits")
			.baseUnit("seconds")
			.register(registry);
	}

	/** Reads the backlog again; runs at start-up, then every 10 s. */
	@Scheduled(fixedDelay = 10, timeUnit = TimeUnit.SECONDS)
	void refresh() {
		try {
			this.backlog = this.paymentRepository.backlog();
		}
		catch (RuntimeException ex) {
			this.counting.failed(ex.toString());
			return;
		}
		this.counting.succeeded();
	}

	/**
	 * Measured from the oldest event's creation at each scrape, not at the refresh: an event that keeps waiting ages
	 * between refreshes (and through an outage, when nothing is relayed), so an alert on the age is never late.
	 */
	private double oldestAgeSeconds() {
		Instant oldest = this.backlog.oldestPendingAt();
		if (oldest == null) {
			return 0;
		}
		return Math.max(0, Duration.between(oldest, Times.now()).toMillis() / 1000.0);
	}

}
