package com.ecommerce.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of a service: requests spread over those that pass their health check, and an instance that
 * is down, killed, unready or cutting connections costs clients nothing but a retry, where a retry can't make
 * anything happen twice. Each service here plays one scenario.
 */
@GatewayTest
class LoadBalancingTests {

	/** Two instances, both up: the round robin and a kill in the middle of traffic. */
	static final StubService orders1 = StubService.start("orders-1");

	static final StubService orders2 = StubService.start("orders-2");

	/** One instance up, one down from the start. */
	static final StubService customers = StubService.start("customers-1");

	static final String customersDown = StubService.down();

	/** Every instance down. */
	static final String payments1 = StubService.down();

	static final String payments2 = StubService.down();

	/** Two instances, for answers 503 by one of them, and for readiness. */
	static final StubService transactions1 = StubService.start("transactions-1");

	static final StubService transactions2 = StubService.start("transactions-2");

	/** One instance, which cuts connections or answers slowly. */
	static final StubService products = StubService.start("products-1");

	static final StubService auth = StubService.start("auth");

	static final List<StubService> STUBS = List.of(orders1, orders2, customers, transactions1, transactions2, products,
			auth);

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("gateway.upstreams.order-service", () -> orders1.url() + "," + orders2.url());
		registry.add("gateway.upstreams.customer-service", () -> customersDown + "," + customers.url());
		registry.add("gateway.upstreams.payment-service", () -> payments1 + "," + payments2);
		registry.add("gateway.upstreams.transaction-worker", () -> transactions1.url() + "," + transactions2.url());
		registry.add("gateway.upstreams.product-service", products::url);
		registry.add("gateway.upstreams.auth-service", auth::url);
		registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
		registry.add("gateway.max-answer-size", () -> "64KB");
	}

	@AfterAll
	static void stopUpstreams() {
		STUBS.forEach(StubService::close);
	}

	@Autowired
	ApiClient api;

	@BeforeEach
	void reset() {
		STUBS.forEach((stub) -> {
			stub.forget();
			stub.answer(null);
			stub.readiness(200);
		});
	}

	@Test
	void requestsSpreadOverTheInstances() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.api.get("/api/v1/orders/o" + i).status()).isEqualTo(200);
		}
		assertThat(orders1.received()).hasSizeBetween(3, 7);
		assertThat(orders2.received()).hasSizeBetween(3, 7);
	}

	@Test
	void anInstanceThatIsDownCostsNothing() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.api.get("/api/v1/customers/c" + i).status()).isEqualTo(200);
			assertThat(this.api.post("/api/v1/customers", "{\"n\": " + i + "}").status()).isEqualTo(200);
		}
		assertThat(customers.received()).hasSize(20);
	}

	@Test
	void anInstanceKilledUnderLoadCostsNothingAndIsUsedAgainOnceBack() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> loops = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			int client = c;
			loops.add(clients.submit(() -> {
				while (running.get()) {
					int n = sent.incrementAndGet();
					// Reads, and writes that a key makes safe to repeat: every one must be answered.
					Response response = (n % 2 == 0) ? this.api.get("/api/v1/orders/o" + n)
							: this.api.post("/api/v1/orders", "{\"n\": " + n + "}", "Idempotency-Key",
									"k-" + client + "-" + n);
					if (response.status() != 200) {
						failures.add(n + ": " + response.status() + " " + response.body());
					}
				}
			}));
		}
		try {
			awaitSent(sent, 40);
			orders2.stop();
			int atKill = sent.get();
			awaitSent(sent, atKill + 80);
			orders2.start();
			orders2.forget();
			await().atMost(Duration.ofSeconds(10)).until(() -> !orders2.received().isEmpty());
		}
		finally {
			running.set(false);
			for (Future<?> loop : loops) {
				loop.get();
			}
			clients.shutdown();
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void anUnreadyInstanceGetsNoRequestsUntilItIsReadyAgain() {
		transactions2.readiness(503);
		// Within a health check interval or two it is out.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			transactions1.forget();
			transactions2.forget();
			for (int i = 0; i < 6; i++) {
				assertThat(this.api.get("/api/v1/transactions/t" + i).status()).isEqualTo(200);
			}
			assertThat(transactions2.received()).isEmpty();
		});
		transactions2.readiness(200);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.api.get("/api/v1/transactions/t").status()).isEqualTo(200);
			assertThat(transactions2.received()).isNotEmpty();
		});
	}

	@Test
	void everyInstanceDownIsA503InTheEnvelope() {
		Response response = this.api.post("/api/v1/payments/process", "{}", "X-Request-Id", "all-down-1");

		assertError(response, 503, "SERVICE_UNAVAILABLE");
		assertThat(response.json().get("requestId").asString()).isEqualTo("all-down-1");
		assertThat(response.json().get("message").asString()).contains("payment-service");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(response.header("X-Request-Id")).isEqualTo("all-down-1");
	}

	@Test
	void aReadAnswered503IsTriedOnceOnAnotherInstanceAWriteIsNot() {
		String unavailable = "{\"success\":false,\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"MongoDB is down\",\"requestId\":\"r\"}";
		transactions1.answer((exchange, request) -> StubService.send(exchange, 503, unavailable));

		for (int i = 0; i < 6; i++) {
			assertThat(this.api.get("/api/v1/transactions/t" + i).status()).isEqualTo(200);
		}
		assertThat(transactions2.received()).hasSize(6);

		// A write is answered as the instance answered it: the client decides.
		transactions2.answer((exchange, request) -> StubService.send(exchange, 503, unavailable));
		transactions1.forget();
		transactions2.forget();
		Response write = this.api.post("/api/v1/transactions/dead-letters/redrive", "{}");
		assertThat(write.status()).isEqualTo(503);
		assertThat(write.body()).isEqualTo(unavailable);
		assertThat(transactions1.received().size() + transactions2.received().size()).isEqualTo(1);

		// A read that meets 503 twice is answered with the second.
		Response read = this.api.get("/api/v1/transactions/t");
		assertThat(read.status()).isEqualTo(503);
		assertThat(read.body()).isEqualTo(unavailable);
		assertThat(transactions1.received().size() + transactions2.received().size()).isEqualTo(1 + 2);
	}

	@Test
	void aConnectionCutBeforeAnyAnswerIsRetriedOnlyWhereThatCannotActTwice() {
		products.answer(StubService::cut);

		assertError(this.api.post("/api/v1/products", "{}"), 503, "SERVICE_UNAVAILABLE");
		assertThat(products.received()).as("a write without a key: once, it may have been done").hasSize(1);

		products.forget();
		assertError(this.api.post("/api/v1/products", "{}", "Idempotency-Key", "k-cut"), 503, "SERVICE_UNAVAILABLE");
		assertThat(products.received()).as("a keyed write: up to max-attempts").hasSize(3);

		products.forget();
		assertError(this.api.get("/api/v1/products/p1"), 503, "SERVICE_UNAVAILABLE");
		assertThat(products.received()).as("a read: up to max-attempts").hasSize(3);
	}

	@Test
	void anAnswerCutHalfwayIsA503InTheEnvelopeNotACutConnection() {
		products.answer(StubService::cutMidAnswer);

		Response response = this.api.post("/api/v1/products", "{}");

		assertError(response, 503, "SERVICE_UNAVAILABLE");
		assertThat(response.json().get("message").asString()).contains("before its answer was complete");
		assertThat(response.header("Retry-After")).isNotNull();
		assertThat(products.received()).as("a write without a key: once, it may have been done").hasSize(1);
	}

	@Test
	void anAnswerThatStopsComingIsA503AfterTheResponseTimeout() {
		products.answer(StubService::stallMidAnswer);

		Response response = this.api.get("/api/v1/products/stalled");

		// The gateway's answer after its 1 s (here), not the cut when the instance gives up after 3 s.
		assertError(response, 503, "SERVICE_UNAVAILABLE");
		assertThat(response.json().get("message").asString()).contains("did not finish its answer in time");
		assertThat(response.header("Retry-After")).isNotNull();
	}

	@Test
	void anAnswerIsPassedOnWholeWithItsLengthUpToTheLimit() {
		String items = "x".repeat(60 * 1024);
		products.answer((exchange, request) -> StubService.send(exchange, 200, "{\"data\":\"" + items + "\"}"));

		Response whole = this.api.get("/api/v1/products");
		assertThat(whole.status()).isEqualTo(200);
		assertThat(whole.body().length()).isEqualTo(items.length() + 11);
		assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(items.length() + 11));

		String tooMany = "x".repeat(70 * 1024);
		products.answer((exchange, request) -> StubService.send(exchange, 200, "{\"data\":\"" + tooMany + "\"}"));
		assertError(this.api.get("/api/v1/products"), 500, "INTERNAL_ERROR");
	}

	@Test
	void anUpstreamThatDoesNotAnswerInTimeIsA503AndNotRetried() {
		products.answer((exchange, request) -> {
			Thread.sleep(3000);
			StubService.send(exchange, 200, "{}");
		});

		Response response = this.api.get("/api/v1/products/slow");

		assertError(response, 503, "SERVICE_UNAVAILABLE");
		assertThat(response.json().get("message").asString()).contains("in time");
		assertThat(products.received()).hasSize(1);
	}

	private static void awaitSent(AtomicInteger sent, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= count);
	}

}
