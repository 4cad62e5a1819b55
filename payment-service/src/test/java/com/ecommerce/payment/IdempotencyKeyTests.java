package com.ecommerce.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.idempotency.IdempotentRequests;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states of a key that concurrent HTTP requests only hit by chance: a request in flight (work held open under
 * the key through shared-lib's IdempotentRequests), and, set up directly in {@code idempotency_keys}, one that died
 * holding its key, an expired key and a key whose answer was lost. Same context as PaymentApiTests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class IdempotencyKeyTests {

	private static final String KEYS = "idempotency_keys";

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	IdempotentRequests requests;

	@Test
	void aRepeatWhileTheFirstIsInFlightWaitsBrieflyThenIs409() throws Exception {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<String> first = inFlight(key, orderId, 300, claimed, finish, null);
		try {
			assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();
			var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300),
					"Idempotency-Key", key);
			assertError(response, 409, "IDEMPOTENCY_IN_PROGRESS");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
			// Another body under a key in flight is a misuse at once, not a wait.
			assertError(this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 301), "Idempotency-Key",
					key), 422, "IDEMPOTENCY_KEY_REUSED");
		}
		finally {
			finish.countDown();
		}
		first.get(5, TimeUnit.SECONDS);
	}

	@Test
	void aRepeatWaitingForTheFirstGetsItsAnswerWhenItFinishes() throws Exception {
		var made = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 300));
		assertThat(made.status()).isEqualTo(201);
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		// The first request's work ends by binding the key to a payment (here one made before, to tell it apart).
		Future<String> first = inFlight(key, orderId, 300, claimed, finish, made.json().at("/data/paymentId").asString());
		assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> this.api
			.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key));
		finish.countDown();
		first.get(5, TimeUnit.SECONDS);
		ApiClient.Response response = waiting.join();
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(response.body()).isEqualTo(made.body());
	}

	@Test
	void aKeyHeldPastItsLeaseByADeadRequestIsTakenOver() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		Instant since = Times.now().minus(Duration.ofMinutes(5));
		this.mongo.insert(new Document("_id", PaymentService.IDEMPOTENCY_SCOPE + ":" + key)
			.append("fingerprint", request(orderId, 300).fingerprint())
			.append("owner", "someone-else")
			.append("claimedAt", Date.from(since))
			.append("expiresAt", Date.from(since.plus(Duration.ofDays(1)))), KEYS);
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
		this.mongo.insert(expired(key, "another-request", longAgo), KEYS);
		var response = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 300),
				"Idempotency-Key", key);
		assertThat(response.status()).as(response.body()).isEqualTo(201);

		String stale = PaymentBodies.key();
		this.mongo.insert(expired(stale, "h", longAgo), KEYS);
		this.requests.removeExpired();
		assertThat(this.mongo.findById(idOf(stale), Document.class, KEYS)).isNull();
		Document kept = this.mongo.findById(idOf(key), Document.class, KEYS);
		assertThat(kept.getDate("expiresAt").toInstant()).isAfter(Times.now().plus(Duration.ofHours(23)));
	}

	@Test
	void aKeyWhoseAnswerWasLostFindsThePaymentItMade() {
		String orderId = PaymentBodies.orderId();
		String key = PaymentBodies.key();
		var first = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		// As if the request had failed between storing its payment and binding its key.
		this.mongo.remove(Query.query(Criteria.where("_id").is(idOf(key))), KEYS);
		var again = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 300), "Idempotency-Key", key);
		assertThat(again.status()).as(again.body()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json().at("/data/paymentId").asString())
			.isEqualTo(first.json().at("/data/paymentId").asString());
		assertThat(this.api.get("/api/v1/payments/order/" + orderId).json().get("data").size()).isEqualTo(1);
	}

	/**
	 * Claims {@code key} for the payment of {@code amount} for the order, as its first request, on another thread:
	 * says so through {@code claimed}, and after {@code finish} binds the key to {@code paymentId} (when not null).
	 */
	private Future<String> inFlight(String key, String orderId, long amount, CountDownLatch claimed,
			CountDownLatch finish, String paymentId) {
		return CompletableFuture.supplyAsync(() -> this.requests.run(PaymentService.IDEMPOTENCY_SCOPE, key,
				request(orderId, amount).fingerprint(), (binding) -> {
					claimed.countDown();
					try {
						finish.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					if (paymentId != null) {
						binding.bind(paymentId);
					}
					return paymentId;
				}, (id) -> id).value());
	}

	private static PaymentRequest request(String orderId, long amount) {
		return new PaymentRequest(orderId, amount, null, null, null, null, null);
	}

	private static Document expired(String key, String fingerprint, Instant claimedAt) {
		return new Document("_id", idOf(key)).append("fingerprint", fingerprint)
			.append("owner", "gone")
			.append("resourceId", "pay_old")
			.append("claimedAt", Date.from(claimedAt))
			.append("expiresAt", Date.from(claimedAt.plus(Duration.ofDays(1))));
	}

	private static String idOf(String key) {
		return PaymentService.IDEMPOTENCY_SCOPE + ":" + key;
	}

}
