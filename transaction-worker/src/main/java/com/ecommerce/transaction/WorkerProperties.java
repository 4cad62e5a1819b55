package com.ecommerce.transaction;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker retries. Prefetch and concurrency are Spring Boot's own
 * {@code spring.rabbitmq.listener.simple.*} settings (see application.yml).
 *
 * @param attempts attempts per message before it is dead-lettered (the first delivery included)
 * @param backoff wait before the second attempt; doubled before each further one
 * @param outageBackoff the longest wait between two attempts while MongoDB is unreachable
 * @param recoveryInterval how soon the listener tries again after losing the broker
 * @param shutdownTimeout how long a stopping worker waits for the messages in hand to be written
 */
@ConfigurationProperties("transaction-worker")
public record WorkerProperties(@DefaultValue("3") int attempts, @DefaultValue("200ms") Duration backoff,
		@DefaultValue("5s") Duration outageBackoff, @DefaultValue("1s") Duration recoveryInterval,
		@DefaultValue("10s") Duration shutdownTimeout) {

	/** The wait after the given failed attempt (1-based): backoff, 2 × backoff, 4 × backoff… capped. */
	Duration backoffAfter(int attempt, Duration cap) {
		long millis = this.backoff.toMillis() << Math.min(attempt - 1, 20);
		return Duration.ofMillis(Math.min(millis, cap.toMillis()));
	}

}
