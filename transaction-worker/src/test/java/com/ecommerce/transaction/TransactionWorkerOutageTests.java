package com.ecommerce.transaction;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedAmqp;
import com.ecommerce.infrastructure.EmbeddedMongo;
import com.ecommerce.infrastructure.WithInfrastructure;

import static com.ecommerce.transaction.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker rides out outages of its broker and its database. This test owns a broker and a MongoDB of its own
 * (whatever the other tests use) so that it can stop them and start them again on the same ports; its context is
 * closed afterwards so that its consumer doesn't keep looking for them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({})
@DirtiesContext
class TransactionWorkerOutageTests {

	static final EmbeddedAmqp broker = EmbeddedAmqp.inMemory(0).start();

	static final EmbeddedMongo mongo = EmbeddedMongo.inMemory(0).start();

	@Autowired
	ApiClient api;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri() + "/outages");
		registry.add("spring.rabbitmq.addresses", () -> broker.host() + ":" + broker.port());
		registry.add("spring.rabbitmq.host", broker::host);
		registry.add("spring.rabbitmq.port", broker::port);
		registry.add("spring.rabbitmq.username", () -> EmbeddedAmqp.USERNAME);
		registry.add("spring.rabbitmq.password", () -> EmbeddedAmqp.PASSWORD);
	}

	@AfterAll
	static void stopServers() {
		broker.stop();
		mongo.stop();
	}

	/** The in-memory broker comes back empty: the exchange, queues and binding are declared again on reconnection. */
	@Test
	void eventsPublishedAfterABrokerRestartAreStored() {
		String before = Events.unique("txn");
		Events.publish(this.rabbit, before, Events.charge(before, "completed", Instant.now()));
		awaitStored(before);

		broker.stop();
		broker.start();

		String after = Events.unique("txn");
		Events.publish(this.rabbit, after, Events.charge(after, "completed", Instant.now()));
		awaitStored(after);
	}

	/** An event that arrives while MongoDB is down waits for it instead of going to the dead-letter queue. */
	@Test
	void anEventWaitsOutAMongoOutageAndIsNotDeadLettered() {
		double outagesBefore = outages();
		mongo.stop();
		String txn = Events.unique("txn");
		try {
			Events.publish(this.rabbit, txn, Events.charge(txn, "completed", Instant.now()));
			// More failed attempts than a poison message gets, and still no dead letter.
			await().until(() -> outages() >= outagesBefore + 4);
			var deadLetters = this.api.get("/api/v1/transactions/dead-letters");
			assertThat(deadLetters.status()).isEqualTo(200);
			assertThat(deadLetters.json().get("data").findValuesAsString("messageId")).doesNotContain(txn);
		}
		finally {
			mongo.start();
		}
		awaitStored(txn);
	}

	private double outages() {
		return this.meters.get("transaction.worker.store.outages").counter().count();
	}

	private void awaitStored(String transactionId) {
		await()
			.untilAsserted(() -> assertThat(this.api.get("/api/v1/transactions/" + transactionId).status()).isEqualTo(200));
	}

}
