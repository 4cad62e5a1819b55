package com.ecommerce.order;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.stereotype.Component;

/**
 * The saga's steps as observations, and so as spans of the order's trace ({@code order.reserve}, {@code order.pay},
 * {@code order.commit}, {@code order.release}, {@code order.recovery}): the calls to other services a step makes are
 * its children, and a trace shows which step took the time or failed.
 */
@Component
class SagaSpans {

	static final String RESERVE = "order.reserve";

	static final String PAY = "order.pay";

	static final String COMMIT = "order.commit";

	static final String RELEASE = "order.release";

	static final String RECOVERY = "order.recovery";

	private final ObservationRegistry registry;

	SagaSpans(ObservationRegistry registry) {
		this.registry = registry;
	}

	/** Runs one step of the order's flow as a span named {@code name}; what it throws marks the span failed. */
	<T> T step(String name, Order order, Supplier<T> step) {
		return Observation.createNotStarted(name, this.registry)
			.highCardinalityKeyValue("order.id", order.orderId())
			.observe(step);
	}

	void step(String name, Order order, Runnable step) {
		Observation.createNotStarted(name, this.registry)
			.highCardinalityKeyValue("order.id", order.orderId())
			.observe(step);
	}

}
