package com.ecommerce.shared.http;

import java.math.BigDecimal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.StubServer.Reply;
import com.ecommerce.shared.testapp.TestApplication;
import com.ecommerce.shared.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Calls between services against a stub downstream over real HTTP: envelopes, errors passed on, retries, circuits. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"ecommerce.http.client.read-timeout=300ms", "resilience4j.retry.configs.default.wait-duration=10ms",
				"resilience4j.circuitbreaker.instances.breaker-service.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.breaker-service.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.breaker-service.wait-duration-in-open-state=500ms" })
@WithInfrastructure({}) // no servers needed, only the ApiClient
class ServiceClientTests {

	private static final AtomicInteger names = new AtomicInteger();

	record Product(String productId, String name, BigDecimal price) {
	}

	/** The stub downstream as a service declares its downstreams: an HTTP interface. */
	@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
	interface StubApi {

		@GetExchange("/api/v1/products/{id}")
		Product product(@PathVariable String id);

		@PostExchange(url = "/api/v1/products/batch", contentType = MediaType.APPLICATION_JSON_VALUE)
		Product[] batch(@RequestBody Map<String, Object> body);

		@PostExchange("/api/v1/products/p1/release")
		Product release();

		@PostExchange(url = "/api/v1/products/p1/reserve", contentType = MediaType.APPLICATION_JSON_VALUE)
		Product reserve(@RequestBody Map<String, Object> body);

		@PostExchange(url = "/api/v1/payments", contentType = MediaType.APPLICATION_JSON_VALUE)
		Product pay(@RequestBody Map<String, Object> body);

	}

	@Autowired
	ServiceClients clients;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	ApiClient api;

	@Autowired
	Tracer tracer;

	private StubServer stub;

	private String name;

	@AfterEach
	void stop() {
		MDC.clear();
		if (this.stub != null) {
			this.stub.close();
		}
	}

	@Test
	void theSuccessEnvelopesDataIsReadIntoARecordIgnoringUnknownFields() {
		StubApi client = clientFor((n, exchange) -> Reply.ok("""
				{"productId": "p1", "name": "Bolt", "price": 12.50, "addedLater": {"x": 1}}"""));
		Product product = client.product("p1");
		assertThat(product).isEqualTo(new Product("p1", "Bolt", new BigDecimal("12.50")));
		assertThat(this.stub.lastHeaders().getFirst("Accept")).contains("application/json");
	}

	@Test
	void theSuccessEnvelopesDataIsReadIntoAnArray() {
		StubApi client = clientFor((n, exchange) -> Reply.ok("""
				[{"productId": "p1", "name": "Bolt", "price": 1}, {"productId": "p2", "name": "Nut", "price": 2}]"""));
		Product[] products = client.batch(Map.of("ids", new String[] { "p1", "p2" }));
		assertThat(products).extracting(Product::productId).containsExactly("p1", "p2");
		assertThat(this.stub.lastHeaders().getFirst("Content-Type")).contains("application/json");
		assertThat(this.stub.lastBody()).contains("\"ids\"").contains("\"p2\"");
	}

	@Test
	void anEmptyAnswerIsNull() {
		StubApi client = clientFor((n, exchange) -> new Reply(204, null));
		assertThat(client.release()).isNull();
	}

	@Test
	void aNotFoundIsPassedOnAndNotRetried() {
		StubApi client = clientFor(
				(n, exchange) -> Reply.error(404, "NOT_FOUND", "Product p9 not found"));
		DownstreamException ex = catchThrowableOfType(DownstreamException.class,
				() -> client.product("p9"));
		assertThat(ex.code()).isEqualTo(ErrorCode.NOT_FOUND);
		assertThat(ex.getMessage()).isEqualTo("Product p9 not found");
		assertThat(ex.status()).isEqualTo(404);
		assertThat(ex.service()).isEqualTo(this.name);
		assertThat(this.stub.requests()).isEqualTo(1);
		assertThat(ex.mayHaveBeenProcessed()).isFalse();
		assertThat(this.circuitBreakers.circuitBreaker(this.name).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	/**
	 * A downstream that refuses this service's own token (a 401 or 403 to it) is this service's trouble, never the
	 * caller's: retried (a 401 drops the token, so the retry carries a new one), then a 503, not the caller's 401/403.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void aDownstreamRefusingThisServicesTokenIsNeverPassedOnAsTheCallersRefusal(int status) {
		StubApi client = clientFor((n, exchange) -> Reply.error(status, status == 401 ? "UNAUTHORIZED" : "FORBIDDEN",
				"refused"));
		ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
				() -> client.reserve(Map.of()));
		assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
		assertThat(ex.mayHaveBeenProcessed()).as("refused before it was acted on").isFalse();
		assertThat(ex.outage()).isFalse();
		assertThat(this.stub.requests()).isEqualTo(3);
		assertThat(this.circuitBreakers.circuitBreaker(this.name).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aRefusalOfARetryLeavesOpenWhatTheFirstAttemptDid() {
		// The first attempt reserved, then failed on its way back; the product was deleted before the retry.
		StubApi client = clientFor((n, exchange) -> (n == 1) ? Reply.error(500, "INTERNAL_ERROR", "lost")
				: Reply.error(404, "NOT_FOUND", "Product p1 not found"));
		DownstreamException ex = catchThrowableOfType(DownstreamException.class, () -> client.reserve(Map.of()));
		assertThat(ex.code()).isEqualTo(ErrorCode.NOT_FOUND);
		assertThat(ex.mayHaveBeenProcessed()).isTrue();
		assertThat(this.stub.requests()).isEqualTo(2);
	}

	@Test
	void aConflictIsPassedOnWithItsCodeAndDetails() {
		StubApi client = clientFor((n, exchange) -> new Reply(409, """
				{"success": false, "code": "INSUFFICIENT_STOCK", "message": "Only 3 left",
				 "requestId": "r", "details": {"availableStock": 3, "productId": "p1"}}"""));
		DownstreamException ex = catchThrowableOfType(DownstreamException.class,
				() -> client.reserve(Map.of("quantity", 5)));
		assertThat(ex.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
		assertThat(ex.getMessage()).isEqualTo("Only 3 left");
		assertThat(ex.details()).containsEntry("availableStock", 3).containsEntry("productId", "p1");
		assertThat(this.stub.requests()).isEqualTo(1);
	}

	@Test
	void anUnknownCodeFallsBackOnTheStatus() {
		StubApi client = clientFor((n, exchange) -> new Reply(404, "<html>not here</html>"));
		DownstreamException ex = catchThrowableOfType(DownstreamException.class,
				() -> client.product("x"));
		assertThat(ex.code()).isEqualTo(ErrorCode.NOT_FOUND);
	}

	@Test
	void serverErrorsAreRetriedUntilTheyPass() {
		StubApi client = clientFor((n, exchange) -> (n < 3) ? Reply.error(500, "INTERNAL_ERROR", "oops")
				: Reply.ok("{\"productId\": \"p1\", \"name\": \"Bolt\", \"price\": 1}"));
		assertThat(client.product("p1").name()).isEqualTo("Bolt");
		assertThat(this.stub.requests()).isEqualTo(3);
	}

	@Test
	void serverErrorsThatLastMakeTheServiceUnavailableAndMayHaveBeenProcessed() {
		StubApi client = clientFor((n, exchange) -> Reply.error(500, "INTERNAL_ERROR", "oops"));
		ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
				() -> client.pay(Map.of()));
		assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo(this.name + " is unavailable");
		assertThat(ex.service()).isEqualTo(this.name);
		assertThat(ex.mayHaveBeenProcessed()).isTrue();
		assertThat(ex.outage()).as("it answered: up, but this request breaks it").isFalse();
		assertThat(ex.retryAfter()).isPositive();
		assertThat(this.stub.requests()).isEqualTo(3);
	}

	@Test
	void serverErrorsOfOneRequestNeverOpenTheCircuitForTheOthers() {
		this.stub = new StubServer((n, exchange) -> exchange.getRequestURI().getPath().endsWith("/broken")
				? Reply.error(500, "INTERNAL_ERROR", "this product breaks me")
				: Reply.ok("{\"productId\": \"p1\", \"name\": \"Bolt\", \"price\": 1}"));
		StubApi client = this.clients.create(StubApi.class, "breaker-service", this.stub.url());
		this.circuitBreakers.circuitBreaker("breaker-service").reset(); // shared with the test of outages

		// 9 failed attempts, more than twice the window of 4 that opens the circuit on outages.
		for (int call = 0; call < 3; call++) {
			catchThrowableOfType(ServiceUnavailableException.class, () -> client.product("broken"));
		}
		assertThat(this.stub.requests()).isEqualTo(9);
		assertThat(this.circuitBreakers.circuitBreaker("breaker-service").getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(client.product("p1").name()).isEqualTo("Bolt");
	}

	/** The downstream dies while it sends its answer: the connection drops in the middle of a chunked body. */
	@Test
	void anAnswerCutShortIsRetriedAndThenAnOutageThatMayHaveBeenProcessed() throws Exception {
		AtomicInteger answered = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						socket.getInputStream().read(new byte[8192]); // the request (small, one read)
						socket.getOutputStream().write("""
								HTTP/1.1 201 Created\r
								Content-Type: application/json\r
								Transfer-Encoding: chunked\r
								\r
								40\r
								{"success": true, "data": {"pro""".getBytes(StandardCharsets.US_ASCII));
						answered.incrementAndGet();
					}
					catch (IOException ex) {
						// closed at the end of the test
					}
				}
			});
			StubApi client = create("http://127.0.0.1:" + server.getLocalPort());

			ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
					() -> client.pay(Map.of()));

			assertThat(ex.mayHaveBeenProcessed()).isTrue();
			assertThat(answered).hasValue(3);
		}
	}

	/**
	 * An error answer whose body never arrives whole is no answer: taken for the downstream's refusal, its code
	 * (INSUFFICIENT_STOCK here) would be lost and the caller told a bare 409 CONFLICT.
	 */
	@Test
	void anErrorAnswerCutShortIsRetriedAsAnOutageNotPassedOnWithoutItsCode() throws Exception {
		AtomicInteger answered = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						socket.getInputStream().read(new byte[8192]);
						socket.getOutputStream().write("""
								HTTP/1.1 409 Conflict\r
								Content-Type: application/json\r
								Content-Length: 90\r
								\r
								{"success": false, "code": "INSUFFICIENT_ST""".getBytes(StandardCharsets.US_ASCII));
						answered.incrementAndGet();
					}
					catch (IOException ex) {
						// closed at the end of the test
					}
				}
			});
			StubApi client = create("http://127.0.0.1:" + server.getLocalPort());

			ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
					() -> client.reserve(Map.of()));

			assertThat(ex.mayHaveBeenProcessed()).isTrue();
			assertThat(answered).hasValue(3);
		}
	}

	@Test
	void aRefusedConnectionFailsFastAndCannotHaveBeenProcessed() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		StubApi client = create("http://127.0.0.1:" + closedPort);
		long start = System.nanoTime();
		ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
				() -> client.pay(Map.of()));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(ex.mayHaveBeenProcessed()).isFalse();
		assertThat(ex.service()).isEqualTo(this.name);
	}

	@Test
	void aSlowAnswerTimesOutAndMayHaveBeenProcessed() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		StubApi client = clientFor((n, exchange) -> {
			never.await(10, TimeUnit.SECONDS); // far longer than the 300 ms read time-out
			return Reply.ok("{}");
		});
		try {
			ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
					() -> client.pay(Map.of()));
			assertThat(ex.mayHaveBeenProcessed()).isTrue();
			assertThat(this.stub.requests()).isEqualTo(3);
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void repeatedFailuresOpenTheCircuitAndASuccessAfterTheWaitClosesIt() {
		AtomicBoolean failing = new AtomicBoolean(true);
		this.stub = new StubServer((n, exchange) -> failing.get() ? Reply.error(503, "SERVICE_UNAVAILABLE", "down")
				: Reply.ok("{\"productId\": \"p1\", \"name\": \"Bolt\", \"price\": 1}"));
		StubApi client = this.clients.create(StubApi.class, "breaker-service", this.stub.url());
		CircuitBreaker circuit = this.circuitBreakers.circuitBreaker("breaker-service");
		circuit.reset(); // shared with the test of server errors

		// 4 failed attempts of a window of 4 open the circuit; the second call's last attempts are refused by it.
		catchThrowableOfType(ServiceUnavailableException.class, () -> client.product("p"));
		catchThrowableOfType(ServiceUnavailableException.class, () -> client.product("p"));
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.stub.requests()).isEqualTo(4);

		ServiceUnavailableException refused = catchThrowableOfType(ServiceUnavailableException.class,
				() -> client.product("p"));
		assertThat(refused.getMessage()).isEqualTo("breaker-service is unavailable (circuit open)");
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
		assertThat(refused.mayHaveBeenProcessed()).isFalse();
		assertThat(refused.outage()).isTrue();
		assertThat(this.stub.requests()).as("an open circuit sends nothing").isEqualTo(4);

		failing.set(false);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.ignoreException(ServiceUnavailableException.class)
			.until(() -> client.product("p") != null);
		assertThat(client.product("p").name()).isEqualTo("Bolt"); // the second call of the half-open state
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	/** The call is a span of the caller's trace: the downstream's traceparent names that trace and a new span. */
	@Test
	void theCallersRequestIdAndTraceReachTheDownstream() {
		StubApi client = clientFor((n, exchange) -> Reply.ok("null"));
		MDC.put(RequestIds.MDC_KEY, "req-downstream-1");
		Span caller = this.tracer.nextSpan().name("caller").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(caller)) {
			assertThat(RequestIds.currentTraceId()).isEqualTo(caller.context().traceId());
			assertThat(client.product("p")).isNull();
		}
		finally {
			caller.end();
		}
		assertThat(this.stub.lastHeaders().getFirst("X-Request-Id")).isEqualTo("req-downstream-1");
		assertThat(this.stub.lastHeaders().getFirst("traceparent"))
			.matches("00-" + caller.context().traceId() + "-[0-9a-f]{16}-[0-9a-f]{2}")
			.doesNotContain(caller.context().spanId());
	}

	@Test
	void anUnavailableDownstreamIsA503WithRetryAfter() {
		ApiClient.Response response = this.api.get("/api/v1/outages/downstream");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(response.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
		assertThat(response.json().get("message").asString()).isEqualTo("product-service is unavailable (circuit open)");

		ApiClient.Response other = this.api.get("/api/v1/outages/other");
		assertThat(other.status()).isEqualTo(503);
		assertThat(other.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	void circuitStatesAreInPrometheusButNotInHealth() {
		this.clients.create(StubApi.class, "metered-service", "http://127.0.0.1:1");
		assertThat(this.api.management().get("/actuator/prometheus").body())
			.contains("resilience4j_circuitbreaker_state{")
			.contains("name=\"metered-service\"");
		assertThat(this.api.management().get("/actuator/health").body()).doesNotContainIgnoringCase("circuitBreakers");
		assertThat(this.api.get("/readyz").body()).doesNotContainIgnoringCase("circuitBreakers");
	}

	private StubApi clientFor(StubServer.Script script) {
		this.stub = new StubServer(script);
		return create(this.stub.url());
	}

	/** Each test its own circuit (a name of its own), so one test's failures never open another's. */
	private StubApi create(String url) {
		this.name = "service-" + names.incrementAndGet();
		return this.clients.create(StubApi.class, this.name, url);
	}

}
