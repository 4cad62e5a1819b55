package com.ecommerce.payment;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.ConfirmedPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox gauges follow the backlog at each refresh. The broker refuses every event here, so that what the test
 * leaves in the outbox stays there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "payment.gateway.failure-rate=0", "payment.outbox.sweep-interval=1h" })
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class OutboxMetricsTests {

	@Autowired
	ApiClient api;

	@Autowired
	OutboxGauges gauges;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theGaugesShowThePendingEventsAndTheAgeOfTheOldestAtTheirRefresh() {
		this.gauges.refresh();
		double pendingBefore = gauge("outbox.pending");

		ApiClient.Response paid = this.api.post(PaymentApiTests.PROCESS,
				PaymentBodies.payment(PaymentBodies.orderId(), 100));
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		String paymentId = paid.json().at("/data/paymentId").asString();
		// As if it had waited two minutes (older events other tests left pending may have waited longer still).
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(paymentId)),
				new Update().set(Payment.OUTBOX + ".0.createdAt", Instant.now().minusSeconds(121)), Payment.class);

		this.gauges.refresh();

		assertThat(gauge("outbox.pending")).isEqualTo(pendingBefore + 1);
		assertThat(gauge("outbox.oldest.age")).isGreaterThanOrEqualTo(120);
		List<String> scraped = this.api.management().get("/actuator/prometheus").body().lines().toList();
		assertThat(scraped).anyMatch(exposes("outbox_pending")).anyMatch(exposes("outbox_oldest_age_seconds"));
	}

	@Test
	void theAgeIsZeroWithNothingPendingAndTheGaugesKeepTheLastBacklogWhileMongoDbIsDown() {
		AtomicReference<PaymentUpdates.OutboxBacklog> backlog = new AtomicReference<>(
				new PaymentUpdates.OutboxBacklog(0, null));
		PaymentRepository store = (PaymentRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { PaymentRepository.class }, (proxy, method, args) -> {
					if (!method.getName().equals("backlog")) {
						throw new UnsupportedOperationException(method.getName());
					}
					if (backlog.get() == null) {
						throw new DataAccessResourceFailureException("MongoDB is down (test)");
					}
					return backlog.get();
				});
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		OutboxGauges gauges = new OutboxGauges(store, registry);
		gauges.refresh();
		assertThat(registry.get("outbox.pending").gauge().value()).isZero();
		assertThat(registry.get("outbox.oldest.age").gauge().value()).isZero();

		backlog.set(new PaymentUpdates.OutboxBacklog(3, Instant.now().minusSeconds(61)));
		gauges.refresh();
		backlog.set(null);
		gauges.refresh();
		gauges.refresh();

		assertThat(registry.get("outbox.pending").gauge().value()).isEqualTo(3);
		assertThat(registry.get("outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(60);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	/** A sample line of the metric, with or without labels. */
	private static Predicate<String> exposes(String name) {
		return (line) -> line.startsWith(name + " ") || line.startsWith(name + "{");
	}

	@TestConfiguration
	static class RefusingBroker {

		@Bean
		ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbit) {
			return new ConfirmedPublisher(rabbit, Duration.ofSeconds(5)) {
				@Override
				public void publish(String exchange, String routingKey, Message message) {
					throw new RefusedException("refused by the test");
				}
			};
		}

	}

}
