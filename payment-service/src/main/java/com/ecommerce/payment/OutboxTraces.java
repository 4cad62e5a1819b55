package com.ecommerce.payment;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.stereotype.Component;

/**
 * Carries a payment event's trace across the outbox. The event is published later, on another thread, maybe by
 * another instance: the trace of the request that wrote it is kept in the event ({@link #current()}), and the relay
 * publishes as a span of that trace ({@link #publishIn}), so the publish's {@code traceparent} header, and with it the
 * worker's consume span, join the order's trace.
 */
@Component
class OutboxTraces {

	static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	OutboxTraces(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The W3C {@code traceparent} of the current span; null outside of one. */
	String current() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/** Runs the publish of {@code event} in a span that continues its stored trace (a new trace without one). */
	<T> T publishIn(OutboxEvent event, Supplier<T> publish) {
		Span.Builder builder = (event.traceparent() != null)
				? this.propagator.extract(Map.of(TRACEPARENT, event.traceparent()), Map::get)
				: this.tracer.spanBuilder();
		Span span = builder.name("outbox.publish").tag("event.id", event.eventId()).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return publish.get();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
