package com.ecommerce.order;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** product-service down: orders answer 503 fast with nothing reserved; the circuit opens, and closes once it is back. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "resilience4j.circuitbreaker.instances.product-service.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.product-service.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.product-service.wait-duration-in-open-state=1s" })
class ProductOutageTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy products = new FaultyProxy(Downstreams.get().productUrl());

	@Autowired
	CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, products);
	}

	@AfterEach
	void closeCircuit() {
		circuit().reset();
	}


	@Test
	void anOrderAnswers503FastWithRetryAfterAndNothingReserved() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 5);
		products.down();

		long started = System.nanoTime();
		ApiClient.Response answer = this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertError(answer, 503, "SERVICE_UNAVAILABLE");
		assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
		assertThat(took).isLessThan(Duration.ofSeconds(2));
		JsonNode stored = this.api.get("/api/v1/orders?customerId=" + customer).json().at("/data/0");
		assertThat(stored.get("orderStatus").asString()).isEqualTo("failed");
		assertThat(stored.get("failureReason").asString()).isEqualTo("service_unavailable");
		JsonNode stock = this.services.products().get("/api/v1/products/" + product).json().get("data");
		assertThat(stock.get("stock").asInt()).isEqualTo(5);
		assertThat(stock.get("reservedStock").asInt()).isZero();
	}

	/** Nothing happened but a failed order: the same key, once the service is back, places the order afresh. */
	@Test
	void aKeyWhoseOrderFailedBeforeAnythingHappenedPlacesTheOrderAfreshLater() {
		String body = OrderRequests.order(this.services.newCustomer(), this.services.newProduct(100, 5), 1);
		String key = "after-outage-" + System.nanoTime();
		products.down();
		ApiClient.Response failed = this.api.post("/api/v1/orders", body, "Idempotency-Key", key);
		assertError(failed, 503, "SERVICE_UNAVAILABLE");
		products.heal();
		circuit().reset();

		ApiClient.Response placed = this.api.post("/api/v1/orders", body, "Idempotency-Key", key);

		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.header("Idempotent-Replayed")).isNull();
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		ApiClient.Response again = this.api.post("/api/v1/orders", body, "Idempotency-Key", key);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().at("/data/orderId").asString())
			.isEqualTo(placed.json().at("/data/orderId").asString());
	}

	@Test
	void theCircuitOpensAfterRepeatedFailuresAndClosesWhenTheServiceIsBack() {
		String product = this.services.newProduct(100, 50);
		products.fail();

		int orders = 0;
		while (circuit().getState() != CircuitBreaker.State.OPEN && orders < 10) {
			assertError(this.api.post("/api/v1/orders", OrderRequests.order(this.services.newCustomer(), product, 1)),
					503, "SERVICE_UNAVAILABLE");
			orders++;
		}
		assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(orders).isLessThanOrEqualTo(2);

		// Open: refused here, without a call to product-service.
		int reached = products.received();
		ApiClient.Response refused = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 1));
		assertError(refused, 503, "SERVICE_UNAVAILABLE");
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(products.received()).isEqualTo(reached);
		assertThat(this.api.management().get("/actuator/prometheus").body().lines())
			.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
					&& line.contains("name=\"product-service\"") && line.contains("state=\"open\"")
					&& line.endsWith(" 1.0"));

		products.heal();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.api
			.post("/api/v1/orders", OrderRequests.order(this.services.newCustomer(), product, 1))
			.status()).isEqualTo(201));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.api.post("/api/v1/orders", OrderRequests.order(this.services.newCustomer(), product, 1));
			assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	private CircuitBreaker circuit() {
		return this.breakers.circuitBreaker("product-service");
	}

}
