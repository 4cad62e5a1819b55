package com.ecommerce.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code order.*}: where the other services are (the seed's {@code *_SERVICE_URL} variables: each one base URL, or
 * the instances' separated by commas), the recovery job, and how long a repeated create waits for the first one's
 * outcome.
 */
@ConfigurationProperties("order")
public record OrderProperties(@DefaultValue Services services, @DefaultValue Recovery recovery,
		@DefaultValue("3s") Duration replayWait) {

	public record Services(@DefaultValue("http://localhost:3001") String customerUrl,
			@DefaultValue("http://localhost:3002") String productUrl,
			@DefaultValue("http://localhost:3004") String paymentUrl) {
	}

	/**
	 * An open order untouched for {@code timeout} is driven to an end by the job, which looks every {@code interval}
	 * and works on at most {@code batchSize} orders a run, {@code parallelism} at a time (the work is mostly waiting
	 * for other services, so a backlog left by a crash clears in one pass). An instance claims an order for
	 * {@code claim} before it works on it, so several instances never work on the same order at once. A charge has
	 * half the time-out to end ({@link #chargeTimeout()}), so an order without a payment by then will not get one. An
	 * order the job fails to settle {@code maxAttempts} times is left to an operator ({@code needsAttention}).
	 */
	public record Recovery(@DefaultValue("60s") Duration timeout, @DefaultValue("5s") Duration interval,
			@DefaultValue("30s") Duration claim, @DefaultValue("200") int batchSize,
			@DefaultValue("8") int parallelism, @DefaultValue("10") int maxAttempts) {

		/**
		 * How long to leave an order whose attempt failed before the next: the interval, doubled with every failed
		 * attempt, at most the time-out. So one order that keeps failing never crowds out the others.
		 */
		public Duration backOff(int attempts) {
			Duration delay = this.interval.multipliedBy(1L << Math.min(attempts, 20));
			return (delay.compareTo(this.timeout) > 0) ? this.timeout : delay;
		}

		/**
		 * How long a charge may take: half the time-out. Recovery acts on a processing order only after the whole
		 * time-out, when its charge has surely ended (completed, declined, refused for its deadline, or refunded for
		 * overrunning it); the other half covers clocks that differ between instances.
		 */
		public Duration chargeTimeout() {
			return this.timeout.dividedBy(2);
		}

	}

}
