package com.ecommerce.transaction;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.transaction.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The consume of a transaction event is a span of the publisher's trace, which the message's traceparent carries, and
 * the worker's log line for the event names that trace.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = WorkerTestSettings.SINGLE_CONSUMER)
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class TransactionTraceTests {

	/** The trace id of each delivery the listener handled, by message id. */
	private static final Map<String, String> consumed = new ConcurrentHashMap<>();

	@Autowired
	ApiClient api;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	Tracer tracer;

	@Autowired
	ObservationRegistry registry;

	@Test
	void theWorkersConsumeJoinsThePublishersTrace(CapturedOutput output) {
		this.registry.observationConfig().observationHandler(new ListenerRecorder());
		String txn = Events.unique("txn");
		Span publisher = this.tracer.nextSpan().name("publisher").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(publisher)) {
			Events.publish(this.rabbit, txn, Events.charge(txn, "completed", Instant.now()));
		}
		finally {
			publisher.end();
		}

		await().until(() -> this.api.get("/api/v1/transactions/" + txn).status() == 200);
		await().until(() -> consumed.containsKey(txn));
		assertThat(consumed.get(txn)).isEqualTo(publisher.context().traceId());
		assertThat(output.getOut().lines().filter((line) -> line.contains("Transaction " + txn + " of order")))
			.singleElement(STRING)
			.contains("\"traceId\":\"" + publisher.context().traceId() + "\"");
	}

	/** Notes the trace of every listener observation (Spring AMQP's, on the consumer's thread). */
	private static final class ListenerRecorder implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			Object carrier = (context instanceof io.micrometer.observation.transport.ReceiverContext<?> receiver)
					? receiver.getCarrier() : null;
			if (tracing != null && tracing.getSpan() != null && carrier instanceof Message message
					&& message.getMessageProperties().getMessageId() != null) {
				consumed.put(message.getMessageProperties().getMessageId(), tracing.getSpan().context().traceId());
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
