package com.ecommerce.payment;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A payment event's trace outlives the outbox: the event keeps the traceparent of the request that wrote it, and the
 * message published later, from another thread, carries the same trace on to the worker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class OutboxTraceTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLERS_SPAN = "00f067aa0ba902b7";

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	ConnectionFactory connections;

	@Test
	void theEventKeepsTheRequestsTraceAndItsMessageCarriesIt() {
		try (EventTap tap = new EventTap(this.admin, this.connections)) {
			var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 1500),
					"traceparent", "00-" + TRACE_ID + "-" + CALLERS_SPAN + "-01");
			assertThat(response.status()).as(response.body()).isEqualTo(201);
			String paymentId = response.json().at("/data/paymentId").asString();
			String transactionId = response.json().at("/data/transactionId").asString();

			Payment payment = this.mongo.findOne(Query.query(Criteria.where("_id").is(paymentId)), Payment.class);
			assertThat(payment.outbox()).singleElement()
				.extracting(OutboxEvent::traceparent)
				.asString()
				.as("the request's span in the caller's trace")
				.matches("00-" + TRACE_ID + "-[0-9a-f]{16}-[0-9a-f]{2}")
				.doesNotContain(CALLERS_SPAN);

			await().atMost(Duration.ofSeconds(20)).until(() -> !tap.forTransaction(transactionId).isEmpty());
			List<EventTap.Received> events = tap.forTransaction(transactionId);
			Object traceparent = events.getFirst().message().getMessageProperties().getHeaders().get("traceparent");
			assertThat(traceparent).asString().matches("00-" + TRACE_ID + "-[0-9a-f]{16}-[0-9a-f]{2}");
		}
	}

}
