package com.ecommerce.order;

import java.time.Duration;

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

/**
 * customer-service down: the order can't be checked, so it fails before anything is reserved or charged, the client
 * gets a 503 with {@code Retry-After}, and its idempotency key is free again for a retry once the service is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CustomerOutageTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy customers = new FaultyProxy(Downstreams.get().customerUrl());

	@Autowired
	CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, customers);
	}

	@AfterEach
	void closeCircuit() {
		this.breakers.circuitBreaker("customer-service").reset();
	}

	@Test
	void anOrderFailsBeforeTakingAnythingAndItsKeyPlacesTheOrderOnceTheServiceIsBack() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 5);
		String body = OrderRequests.order(customer, product, 1);
		String key = "customer-outage-" + System.nanoTime();
		customers.down();

		long started = System.nanoTime();
		ApiClient.Response refused = this.api.post("/api/v1/orders", body, "Idempotency-Key", key);

		assertError(refused, 503, "SERVICE_UNAVAILABLE");
		assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		JsonNode failed = this.api.get("/api/v1/orders?customerId=" + customer).json().at("/data/0");
		assertThat(failed.get("failureReason").asString()).isEqualTo("service_unavailable");
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(this.services.reservedStock(product)).isZero();
		assertThat(this.services.paymentsOf(failed.get("orderId").asString())).isEmpty();

		customers.heal();
		closeCircuit();
		ApiClient.Response placed = this.api.post("/api/v1/orders", body, "Idempotency-Key", key);
		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.header("Idempotent-Replayed")).isNull();
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(this.services.stock(product)).isEqualTo(4);
	}

}
