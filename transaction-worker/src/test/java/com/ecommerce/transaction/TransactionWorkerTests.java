package com.ecommerce.transaction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.TransactionTopology;

import static com.ecommerce.transaction.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer end to end: events published to the exchange as payment-service does, read back through the API.
 * The broker may be shared (CI uses a real RabbitMQ), so every assertion filters by this test's own ids, and the
 * dead letters a test makes are removed afterwards. One consumer ({@code max-concurrency=1}), so that a message
 * published after others is processed after them and can serve as a barrier.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = WorkerTestSettings.SINGLE_CONSUMER)
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class TransactionWorkerTests {

	@Autowired
	ApiClient api;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	MongoTemplate mongo;

	private final List<String> deadLetterIds = new ArrayList<>();

	@AfterEach
	void removeOwnDeadLetters() {
		DeadLetterQueue.remove(this.rabbit, this.deadLetterIds);
	}

	@Test
	void theSameEventDeliveredFiveTimesIsOneUnchangedRecord() {
		String txn = Events.unique("txn");
		Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < 5; i++) {
			Events.publish(this.rabbit, txn, Events.charge(txn, "completed", time));
		}
		JsonNode first = awaitTransaction(txn);
		String barrier = Events.unique("txn");
		Events.publish(this.rabbit, barrier, Events.charge(barrier, "completed", time));
		awaitTransaction(barrier);

		assertThat(this.mongo.count(Query.query(Criteria.where("orderId").is("ord_" + txn)), TransactionHistory.class))
			.isEqualTo(1);
		JsonNode after = transaction(txn);
		assertThat(after).isEqualTo(first);
		assertThat(after.get("status").asString()).isEqualTo("completed");
		assertThat(after.get("amount").asLong()).isEqualTo(2599);
		assertThat(after.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(Instant.parse(after.get("timestamp").asString())).isEqualTo(time);
		assertThat(after.get("requestId").asString()).isEqualTo("req-" + txn);
		assertThat(after.get("receivedAt").asString()).isEqualTo(after.get("updatedAt").asString());
	}

	@Test
	void anOlderEventNeverOverwritesANewerStatus() {
		String txn = Events.unique("txn");
		Instant charged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant refunded = charged.plusSeconds(60);
		Events.publish(this.rabbit, txn, Events.json(txn, "ord_" + txn, "cust_001", "refunded", "refund", 2599, refunded));
		Events.publish(this.rabbit, txn, Events.charge(txn, "completed", charged));
		String barrier = Events.unique("txn");
		Events.publish(this.rabbit, barrier, Events.charge(barrier, "completed", charged));
		awaitTransaction(barrier);

		JsonNode stored = transaction(txn);
		assertThat(stored.get("status").asString()).isEqualTo("refunded");
		assertThat(stored.get("type").asString()).isEqualTo("refund");
		assertThat(Instant.parse(stored.get("timestamp").asString())).isEqualTo(refunded);
	}

	@Test
	void aNewerEventUpdatesTheRecord() {
		String txn = Events.unique("txn");
		Instant charged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Events.publish(this.rabbit, txn, Events.charge(txn, "completed", charged));
		awaitTransaction(txn);
		Events.publish(this.rabbit, txn,
				Events.json(txn, "ord_" + txn, "cust_001", "refunded", "refund", 2599, charged.plusSeconds(1)));

		await().until(() -> transaction(txn).get("status").asString().equals("refunded"));
		JsonNode stored = transaction(txn);
		assertThat(Instant.parse(stored.get("updatedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(stored.get("receivedAt").asString()));
	}

	@Test
	void aPoisonMessageEndsInTheDeadLetterQueueAndTheConsumerKeepsGoing() {
		String poison = Events.unique("poison");
		this.deadLetterIds.add(poison);
		Events.publish(this.rabbit, poison, "{not json");
		String after = Events.unique("txn");
		Events.publish(this.rabbit, after, Events.charge(after, "completed", Instant.now()));

		awaitTransaction(after);
		JsonNode letter = awaitDeadLetter(poison);
		assertThat(letter.get("body").asString()).isEqualTo("{not json");
		assertThat(letter.get("attempts").asInt()).isEqualTo(3);
		assertThat(letter.get("error").asString()).startsWith("InvalidEventException: not a transaction event");
		assertThat(letter.get("requestId").asString()).isEqualTo("req-" + poison);
		// Listing leaves the messages where they are.
		assertThat(deadLetter(poison)).isEqualTo(letter);

		var redriven = this.api.post("/api/v1/transactions/dead-letters/redrive", "");
		assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
		assertThat(redriven.json().at("/data/redriven").asInt()).isGreaterThanOrEqualTo(1);
		// Still poison: it fails its three attempts again and comes back with the error.
		awaitDeadLetter(poison);
	}

	@Test
	void aRedrivenDeadLetterThatIsValidIsStored() {
		// A dead letter as one left by an earlier failure (the cause since fixed), carrying the error headers.
		String txn = Events.unique("txn");
		this.deadLetterIds.add(txn);
		var message = Events.message(txn, Events.charge(txn, "completed", Instant.now()));
		message.getMessageProperties().setHeader(TransactionTopology.ERROR_HEADER, "earlier failure");
		message.getMessageProperties().setHeader(DeadLetter.ATTEMPTS_HEADER, 3);
		this.rabbit.send(TransactionTopology.DEAD_LETTER_EXCHANGE, TransactionTopology.DEAD_LETTER_ROUTING_KEY, message);
		JsonNode letter = awaitDeadLetter(txn);
		assertThat(letter.at("/body/transactionId").asString()).isEqualTo(txn);
		assertThat(letter.get("error").asString()).isEqualTo("earlier failure");
		assertThat(this.api.get("/api/v1/transactions/" + txn).status()).isEqualTo(404);

		var redriven = this.api.post("/api/v1/transactions/dead-letters/redrive", "");
		assertThat(redriven.json().at("/data/redriven").asInt()).isGreaterThanOrEqualTo(1);

		assertThat(awaitTransaction(txn).get("requestId").asString()).isEqualTo("req-" + txn);
		assertThat(deadLetter(txn)).isNull();
	}

	@Test
	void listingSeveralDeadLettersLeavesEveryOneOfThemInTheQueue() {
		List<String> ids = List.of(Events.unique("dead"), Events.unique("dead"), Events.unique("dead"));
		this.deadLetterIds.addAll(ids);
		for (String id : ids) {
			var message = Events.message(id, "{not json");
			message.getMessageProperties().setHeader(TransactionTopology.ERROR_HEADER, "earlier failure");
			this.rabbit.send(TransactionTopology.DEAD_LETTER_EXCHANGE, TransactionTopology.DEAD_LETTER_ROUTING_KEY,
					message);
		}
		ids.forEach(this::awaitDeadLetter);

		// Each listing hands every letter back: the next one, on any channel, sees them all again.
		for (int listing = 0; listing < 3; listing++) {
			assertThat(ids).allSatisfy((id) -> assertThat(deadLetter(id)).as(id).isNotNull());
		}
	}

	private JsonNode awaitTransaction(String transactionId) {
		await()
			.until(() -> this.api.get("/api/v1/transactions/" + transactionId).status() == 200);
		return transaction(transactionId);
	}

	private JsonNode transaction(String transactionId) {
		var response = this.api.get("/api/v1/transactions/" + transactionId);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("data");
	}

	private JsonNode awaitDeadLetter(String messageId) {
		await().until(() -> deadLetter(messageId) != null);
		return deadLetter(messageId);
	}

	private JsonNode deadLetter(String messageId) {
		var response = this.api.get("/api/v1/transactions/dead-letters?limit=1000");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		for (JsonNode letter : response.json().get("data")) {
			if (messageId.equals(letter.path("messageId").asString(null))) {
				return letter;
			}
		}
		return null;
	}

}
