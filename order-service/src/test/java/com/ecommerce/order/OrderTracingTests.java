package com.ecommerce.order;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.ecommerce.infrastructure.ApiClient;

import static com.ecommerce.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;

/** An order's flow is one trace: its saga steps are spans of the caller's trace, and its timeline names that trace. */
class OrderTracingTests extends AgainstRealServices {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	private static final AtomicLong started = new AtomicLong();

	/** The saga steps observed, with the order they started in; the tests look at their own orders' only. */
	private static final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();

	// Registered once in the context these test classes share; it records saga steps only.
	private static final AtomicBoolean recording = new AtomicBoolean();

	@Autowired
	ObservationRegistry registry;

	@BeforeEach
	void record() {
		if (recording.compareAndSet(false, true)) {
			this.registry.observationConfig().observationHandler(new Recorder());
		}
	}

	@Test
	void thePaidOrdersStepsAreSpansOfTheCallersTraceInOrder() {
		String orderId = place(order(this.services.newCustomer(), this.services.newProduct(100, 10), 1), "completed");

		assertThat(stepsOf(orderId)).extracting(Step::name)
			.containsExactly(SagaSpans.RESERVE, SagaSpans.PAY, SagaSpans.COMMIT);
		assertThat(stepsOf(orderId)).extracting(Step::traceId).containsOnly(TRACE_ID);
	}

	@Test
	void aDeclinedOrderReleasesInAStepOfItsOwn() {
		String orderId = place(OrderRequests.declined(this.services.newCustomer(), this.services.newProduct(100, 10), 1),
				"failed");

		assertThat(stepsOf(orderId)).extracting(Step::name)
			.containsExactly(SagaSpans.RESERVE, SagaSpans.PAY, SagaSpans.RELEASE);
	}

	@Test
	void everyTimelineEntryCarriesTheTraceIdOfTheRequestThatWroteIt() {
		String orderId = place(order(this.services.newCustomer(), this.services.newProduct(100, 10), 1), "completed");

		JsonNode timeline = this.api.get("/api/v1/orders/" + orderId + "/timeline").json().get("data");
		assertThat(timeline).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.get("traceId").asString()).isEqualTo(TRACE_ID));
	}

	private String place(String body, String expectedStatus) {
		ApiClient.Response created = this.api.post("/api/v1/orders", body, "traceparent", TRACEPARENT);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().at("/data/orderStatus").asString()).isEqualTo(expectedStatus);
		return created.json().at("/data/orderId").asString();
	}

	private List<Step> stepsOf(String orderId) {
		return steps.stream()
			.filter((step) -> orderId.equals(step.orderId()))
			.sorted(Comparator.comparingLong(Step::started))
			.toList();
	}

	record Step(String name, String orderId, String traceId, long started) {
	}

	/** Notes each saga step when it ends: its name, order, trace (its span exists by then) and when it started. */
	private static final class Recorder implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (context.getName().startsWith("order.")) {
				context.put(Recorder.class, started.incrementAndGet());
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			Long start = context.get(Recorder.class);
			if (start == null || context.getHighCardinalityKeyValue("order.id") == null) {
				return;
			}
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			String traceId = (tracing != null && tracing.getSpan() != null) ? tracing.getSpan().context().traceId()
					: null;
			steps.add(new Step(context.getName(),
					context.getHighCardinalityKeyValue("order.id").getValue(), traceId, start));
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
