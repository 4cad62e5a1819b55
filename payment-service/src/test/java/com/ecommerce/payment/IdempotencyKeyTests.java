package com.ecommerce.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states of a key that concurrent HTTP requests only hit by chance, set up directly in the database: a request
 * in flight, one that died holding its key, and an expired key. Same context as PaymentApiTests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class IdempotencyKeyTests {

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	IdempotencyKeys keys;

	@Test
	void aRepeatWhileTheFirstIsInFlightWaitsBrieflyThenIs409() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		inFlight(key, orderId, 300, Times.now());
		long started = System.nanoTime();
		var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertError(response, 409, "IDEMPOTENCY_IN_PROGRESS");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
		// Another body under a key in flight is a misuse at once, not a wait.
		assertError(this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 301), "Idempotency-Key", key),
				422, "IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void aRepeatWaitingForTheFirstGetsItsAnswerWhenItFinishes() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		inFlight(key, orderId, 300, Times.now());
		CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> this.api
			.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key));
		String body = "{\"success\":true,\"data\":{\"paymentId\":\"pay_first\"}}";
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
				new Update().set("state", "done").set("statusCode", 201).set("paymentId", "pay_first").set("body", body),
				IdempotencyKey.class);
		ApiClient.Response response = waiting.join();
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void aKeyHeldPastItsLeaseByADeadRequestIsTakenOver() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		inFlight(key, orderId, 300, Times.now().minus(Duration.ofMinutes(5)));
		var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.header("Idempotent-Replayed")).isNull();
		var replay = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(replay.body()).isEqualTo(response.body());
	}

	@Test
	void expiredKeysAreFreeAgainAndTheCleanupRemovesThem() {
		String key = PaymentBodies.key();
		Instant longAgo = Times.now().minus(Duration.ofDays(2));
		this.mongo.insert(new IdempotencyKey(key, "another-request", "gone", IdempotencyKey.State.done, 201, "pay_old",
				"{}", longAgo, longAgo.plus(Duration.ofDays(1))));
		var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 300),
				"Idempotency-Key", key);
		assertThat(response.status()).as(response.body()).isEqualTo(201);

		String stale = PaymentBodies.key();
		this.mongo.insert(new IdempotencyKey(stale, "h", "gone", IdempotencyKey.State.done, 201, "pay_old", "{}",
				longAgo, longAgo.plus(Duration.ofDays(1))));
		this.keys.removeExpired();
		assertThat(this.mongo.findById(stale, IdempotencyKey.class)).isNull();
		IdempotencyKey kept = this.mongo.findById(key, IdempotencyKey.class);
		assertThat(kept.expiresAt()).isAfter(Times.now().plus(Duration.ofHours(23)));
	}

	@Test
	void aKeyWhoseAnswerWasLostFindsThePaymentItMade() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		var first = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		// As if the request had failed between storing its payment and storing its answer.
		this.mongo.remove(Query.query(Criteria.where("_id").is(key)), IdempotencyKey.class);
		var again = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(again.status()).as(again.body()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json().at("/data/paymentId").asString())
			.isEqualTo(first.json().at("/data/paymentId").asString());
		assertThat(this.api.get("/api/v1/payments/order/" + orderId).json().get("data").size()).isEqualTo(1);
	}

	private void inFlight(String key, String orderId, long amount, Instant since) {
		PaymentRequest request = new PaymentRequest(orderId, amount, null, null, null, null);
		this.mongo.insert(new IdempotencyKey(key, request.fingerprint(), "someone-else",
				IdempotencyKey.State.in_progress, null, null, null, since, since.plus(Duration.ofDays(1))));
	}

}
