package com.ecommerce.shared.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * The first step of stopping an instance (SIGTERM, a rolling restart, a scale-down): readiness goes down
 * ({@code /readyz} 503) and the instance goes on serving for {@code ecommerce.shutdown.drain}, so that whatever
 * balances load over the instances (Kubernetes' endpoints, the gateway, order-service's clients, each checking
 * readiness every few seconds) stops sending it requests before it stops accepting them. Only then does Spring stop
 * the rest, by lifecycle phase: the AMQP listener containers first (phase {@code Integer.MAX_VALUE}), which finish
 * and ack the messages in hand, while the unacked prefetched ones go back to the queue; then the web server's
 * graceful shutdown ({@code Integer.MAX_VALUE - 1024}), which stops accepting connections and waits for the requests
 * in flight, sagas included, up to {@code spring.lifecycle.timeout-per-shutdown-phase}. Runs first of the listeners
 * to the context closing, and only for this context (the management server's child context closes too).
 */
class ShutdownDrain implements ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

	private final ApplicationContext context;

	private final ApplicationAvailability availability;

	private final Duration drain;

	ShutdownDrain(ApplicationContext context, ApplicationAvailability availability, Duration drain) {
		this.context = context;
		this.availability = availability;
		this.drain = drain;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		// A web application context has done this already, before announcing that it closes.
		if (this.availability.getReadinessState() != ReadinessState.REFUSING_TRAFFIC) {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		}
		if (this.drain.isZero() || this.drain.isNegative()) {
			return;
		}
		log.info("Shutting down: readiness is down, still serving for {} so that load balancers stop sending requests",
				this.drain);
		try {
			Thread.sleep(this.drain);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
