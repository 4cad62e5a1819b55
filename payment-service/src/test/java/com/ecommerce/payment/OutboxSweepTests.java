package com.ecommerce.payment;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.ConfirmedPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One event the broker refuses never holds up the others: the sweep steps over it and publishes the rest. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "payment.gateway.failure-rate=0", "payment.outbox.sweep-interval=1h" })
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class OutboxSweepTests {

	/** The message ids the broker "refuses"; "*" refuses all. */
	static final Set<String> refused = ConcurrentHashMap.newKeySet();

	/** The events a publish was attempted for. */
	static final Set<String> attempts = ConcurrentHashMap.newKeySet();

	@Autowired
	ApiClient api;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aRefusedEventIsSteppedOverAndTheOnesAfterItArePublished() {
		refused.add("*");
		List<String> paymentIds = IntStream.range(0, 3)
			.mapToObj((i) -> this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 100))
				.json()
				.at("/data/paymentId")
				.asString())
			.toList();
		// The publishes right after the payments are refused too (they run on their own threads): wait them out.
		await().atMost(Duration.ofSeconds(10)).until(() -> paymentIds.stream().allMatch(this::triedOnce));
		String first = paymentIds.getFirst();
		refused.clear();
		refused.add(this.mongo.findById(first, Payment.class).outbox().getFirst().eventId());

		assertThat(this.relay.sweep()).isTrue();

		assertThat(published(first)).isFalse();
		assertThat(paymentIds.subList(1, 3)).allSatisfy((paymentId) -> assertThat(published(paymentId)).isTrue());
	}

	private boolean published(String paymentId) {
		return this.mongo.findById(paymentId, Payment.class).outbox().getFirst().publishedAt() != null;
	}

	private boolean triedOnce(String paymentId) {
		return attempts.contains(this.mongo.findById(paymentId, Payment.class).outbox().getFirst().eventId());
	}

	@TestConfiguration
	static class RefusingBroker {

		@Bean
		ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbit) {
			return new ConfirmedPublisher(rabbit, Duration.ofSeconds(5)) {
				@Override
				public void publish(String exchange, String routingKey, Message message) {
					String id = message.getMessageProperties().getMessageId();
					attempts.add(id);
					if (refused.contains("*") || refused.contains(id)) {
						throw new RefusedException("refused by the test");
					}
					super.publish(exchange, routingKey, message);
				}
			};
		}

	}

}
