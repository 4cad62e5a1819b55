package com.ecommerce.payment;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedAmqp;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.TransactionTopology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No event is lost while RabbitMQ is down: this test owns a broker of its own (whatever the other tests use) so that
 * it can stop and restart it, and, since no one else uses that broker, may read {@code transaction.save} itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure(Service.MONGODB)
class OutboxOutageTests {

	static final EmbeddedAmqp broker = EmbeddedAmqp.inMemory(0).start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApiClient api;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RabbitAdmin rabbitAdmin;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", () -> broker.host() + ":" + broker.port());
		registry.add("spring.rabbitmq.username", () -> EmbeddedAmqp.USERNAME);
		registry.add("spring.rabbitmq.password", () -> EmbeddedAmqp.PASSWORD);
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	@Test
	void paymentsAnswerWhileTheBrokerIsDownAndEveryEventIsDeliveredOnceItIsBack() {
		broker.stop();
		Set<String> transactionIds = new HashSet<>();
		try {
			for (int i = 0; i < 50; i++) {
				var response = this.api.post(PaymentApiTests.PROCESS,
						PaymentBodies.payment(PaymentBodies.orderId(), 100 + i, i % 5 == 0 ? "test_declined" : "paypal"));
				assertThat(response.status()).as(response.body()).isIn(201, 402);
				String data = (response.status() == 201) ? "/data" : "/details";
				transactionIds.add(response.json().at(data + "/transactionId").asString());
			}
			var status = this.api.get("/api/v1/payments/queue/status").json().get("data");
			assertThat(status.get("connected").asBoolean()).isFalse();
			assertThat(status.get("messageCount").isNull()).isTrue();
			assertThat(status.get("pendingEvents").asLong()).isEqualTo(50);
			assertThat(status.get("oldestPendingAgeMs").asLong()).isGreaterThanOrEqualTo(0);
		}
		finally {
			broker.start();
		}

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.api.get("/api/v1/payments/queue/status").json().at("/data/pendingEvents").asLong() == 0);
		Set<String> delivered = new HashSet<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Message message;
			while ((message = this.rabbit.receive(TransactionTopology.QUEUE, 100)) != null) {
				delivered.add(JSON.readTree(message.getBody()).get("transactionId").asString());
			}
			assertThat(delivered).containsAll(transactionIds);
		});
		var status = this.api.get("/api/v1/payments/queue/status").json().get("data");
		assertThat(status.get("connected").asBoolean()).isTrue();
		assertThat(status.get("oldestPendingAgeMs").isNull()).isTrue();
		assertThat(List.copyOf(transactionIds)).hasSize(50);
	}

	/**
	 * An event no queue takes (here the queue is gone) comes back to the relay instead of being confirmed and lost: it
	 * stays in the outbox, and is delivered once a queue takes it again.
	 */
	@Test
	void anEventNoQueueTakesStaysInTheOutboxUntilOneDoes() {
		String paymentId;
		this.rabbitAdmin.deleteQueue(TransactionTopology.QUEUE);
		try {
			var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 100));
			assertThat(response.status()).as(response.body()).isEqualTo(201);
			paymentId = response.json().at("/data/paymentId").asString();

			this.relay.sweep(); // whatever the publish right after the payment did, the relay has tried it now

			assertThat(this.mongo.findById(paymentId, Payment.class).outbox())
				.allSatisfy((event) -> assertThat(event.publishedAt()).isNull());
		}
		finally {
			this.rabbitAdmin.initialize(); // declares the queue and its binding again
		}
		this.relay.sweep();
		assertThat(this.mongo.findById(paymentId, Payment.class).outbox())
			.allSatisfy((event) -> assertThat(event.publishedAt()).isNotNull());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Message message = this.rabbit.receive(TransactionTopology.QUEUE, 100);
			assertThat(message).isNotNull();
			assertThat(JSON.readTree(message.getBody()).get("paymentId").asString()).isEqualTo(paymentId);
		});
	}

}
