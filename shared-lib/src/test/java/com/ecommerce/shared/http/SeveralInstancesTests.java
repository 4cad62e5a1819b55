package com.ecommerce.shared.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import com.ecommerce.shared.http.StubServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A downstream given as several instances: calls spread over them, a dead one costs a call at most a retry and never
 * opens the service's circuit, and an instance whose {@code /readyz} fails leaves the rotation until it is ready.
 * The circuit here opens at half of 4 attempts: were a dead instance's attempts counted, every other one failing
 * would open it.
 */
class SeveralInstancesTests {

	private static final String OK = "{\"productId\": \"p1\", \"name\": \"Bolt\", \"price\": 1}";

	private static final Duration HEALTH_CHECKS = Duration.ofMillis(100);

	@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
	interface StubApi {

		@PostExchange(url = "/api/v1/payments", contentType = MediaType.APPLICATION_JSON_VALUE)
		ServiceClientTests.Product pay(@RequestBody Map<String, Object> body);

	}

	private final CircuitBreakerRegistry circuits = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
		.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(4)
		.minimumNumberOfCalls(4)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofSeconds(30))
		.build());

	private ServiceClients clients;

	private StubServer first;

	private StubServer second;

	@BeforeEach
	void start() {
		this.clients = clients(HEALTH_CHECKS);
		this.first = new StubServer((n, exchange) -> Reply.ok(OK));
		this.second = new StubServer((n, exchange) -> Reply.ok(OK));
	}

	@AfterEach
	void stop() {
		this.clients.close();
		this.first.close();
		this.second.close();
	}

	/** Checked once only: a check that takes longer than its (short) interval would take an instance out a while. */
	@Test
	void callsGoRoundTheInstances() {
		try (ServiceClients checkedOnce = clients(Duration.ofHours(1))) {
			StubApi client = checkedOnce.create(StubApi.class, "spread", this.first.url() + "," + this.second.url());
			for (int call = 0; call < 10; call++) {
				client.pay(Map.of());
			}
		}
		assertThat(this.first.requests()).isEqualTo(5);
		assertThat(this.second.requests()).isEqualTo(5);
	}

	@Test
	void aStoppedInstanceCostsAtMostARetryAndNeverOpensTheCircuit() {
		StubApi client = this.clients.create(StubApi.class, "one-stopped", this.first.url() + ", " + this.second.url());
		this.first.close(); // connections refused from now on

		for (int call = 0; call < 20; call++) {
			assertThat(client.pay(Map.of()).name()).isEqualTo("Bolt");
		}

		assertThat(this.second.requests()).as("every call answered by the one left").isEqualTo(20);
		CircuitBreaker circuit = this.circuits.circuitBreaker("one-stopped");
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	/**
	 * An instance killed in the middle of calls: it takes each request and drops the connection without an answer.
	 * The call is retried on the other instance, and the dropping one leaves the rotation at once, before any health
	 * check (which it fails too).
	 */
	@Test
	void anInstanceKilledMidCallCostsOneRetryAndLeavesTheRotation() throws IOException {
		try (DroppingServer dying = new DroppingServer()) {
			StubApi client = this.clients.create(StubApi.class, "one-killed", dying.url() + "," + this.second.url());

			for (int call = 0; call < 20; call++) {
				assertThat(client.pay(Map.of()).name()).isEqualTo("Bolt");
			}

			assertThat(this.second.requests()).isEqualTo(20);
			assertThat(dying.calls()).as("out of the rotation after its first failure").isLessThanOrEqualTo(1);
			CircuitBreaker circuit = this.circuits.circuitBreaker("one-killed");
			assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
		}
	}

	/** Readiness down (an instance shutting down, still serving) takes it out; ready again brings it back. */
	@Test
	void anInstanceNotReadyLeavesTheRotationUntilItIsReadyAgain() {
		StubApi client = this.clients.create(StubApi.class, "readiness", this.first.url() + "," + this.second.url());
		this.first.ready(false);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			int before = this.first.requests();
			for (int call = 0; call < 4; call++) {
				client.pay(Map.of());
			}
			assertThat(this.first.requests()).isEqualTo(before);
		});

		this.first.ready(true);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			int before = this.first.requests();
			for (int call = 0; call < 4; call++) {
				client.pay(Map.of());
			}
			assertThat(this.first.requests()).isEqualTo(before + 2);
		});
	}

	/** No instance ready (their stores are out, say): every one is still tried rather than none. */
	@Test
	void withNoInstanceReadyEveryOneIsStillCalled() {
		StubApi client = this.clients.create(StubApi.class, "none-ready", this.first.url() + "," + this.second.url());
		this.first.ready(false);
		this.second.ready(false);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			assertThat(client.pay(Map.of()).name()).isEqualTo("Bolt");
			assertThat(client.pay(Map.of()).name()).isEqualTo("Bolt");
			assertThat(this.first.requests()).isPositive();
			assertThat(this.second.requests()).isPositive();
		});
	}

	@Test
	void withEveryInstanceDeadTheCircuitOpensAsForOne() {
		StubApi client = this.clients.create(StubApi.class, "all-dead", this.first.url() + "," + this.second.url());
		this.first.close();
		this.second.close();

		ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
				() -> client.pay(Map.of()));
		assertThat(ex.mayHaveBeenProcessed()).isFalse();
		assertThat(ex.outage()).isTrue();
		catchThrowableOfType(ServiceUnavailableException.class, () -> client.pay(Map.of()));

		// Of each call's 3 attempts, the first found another instance left to try; the other 2 count.
		CircuitBreaker circuit = this.circuits.circuitBreaker("all-dead");
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> client.pay(Map.of())).getMessage())
			.isEqualTo("all-dead is unavailable (circuit open)");
	}

	@Test
	void theListIsCommaSeparatedWithoutDuplicates() {
		assertThat(Instances.parse("http://a:1")).containsExactly("http://a:1");
		assertThat(Instances.parse(" http://a:1 , http://b:2,,http://a:1 ")).containsExactly("http://a:1", "http://b:2");
		assertThatIllegalArgumentException().isThrownBy(() -> Instances.parse(" , "));
		assertThatIllegalArgumentException().isThrownBy(() -> Instances.parse("http://a:1,b:2"));
	}

	private ServiceClients clients(Duration healthChecks) {
		return new ServiceClients(RestClient.builder(), JsonMapper.builder().build(), this.circuits,
				RetryRegistry.of(RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10)).build()),
				Duration.ofSeconds(1), Duration.ofSeconds(2), healthChecks);
	}

	/** Takes each request and closes the connection without a word, like a process killed while it works. */
	private static final class DroppingServer implements AutoCloseable {

		private final ServerSocket server;

		private final AtomicInteger calls = new AtomicInteger();

		DroppingServer() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().start(this::serve);
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					byte[] request = new byte[8192];
					int read = socket.getInputStream().read(request);
					if (read > 0 && !new String(request, 0, read, StandardCharsets.US_ASCII).startsWith("GET /readyz")) {
						this.calls.incrementAndGet();
					}
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getLocalPort();
		}

		int calls() {
			return this.calls.get();
		}

		@Override
		public void close() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
