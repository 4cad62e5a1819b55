package com.ecommerce.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code payment.*}: the simulated gateway and the outbox sweep. (The relay's confirm time-out is shared-lib's
 * {@code ecommerce.messaging.confirm-timeout}; its timer {@code payment.outbox.relay-interval-ms}; the idempotency
 * keys' settings are shared-lib's {@code ecommerce.idempotency.*}.)
 */
@ConfigurationProperties("payment")
public record PaymentProperties(@DefaultValue Gateway gateway, @DefaultValue Outbox outbox) {

	/** {@code failureRate}: share of random declines (0..1); {@code latency}: the simulated processing time. */
	public record Gateway(@DefaultValue("0.1") double failureRate, @DefaultValue("0ms") Duration latency) {
	}

	/**
	 * {@code sweepInterval}: how often the relay searches all outboxes when it knows of nothing waiting — a safety net
	 * for events that another instance stored and could not publish before it died. While something is known to be
	 * waiting (a publish failed, or this instance just started), it searches on every tick of the relay timer.
	 */
	public record Outbox(@DefaultValue("30s") Duration sweepInterval) {
	}

}
