package com.ecommerce.order;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each downstream as two instances (two addresses, each a proxy in front of the service, as two processes would be):
 * orders go to both, and one instance of each service stopped, or answering 503, fails no order and opens no
 * circuit. The circuits open at half of 4 attempts, and the health checks are left out (an hour apart), so an
 * instance stays in the rotation unless an attempt gets no answer from it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ecommerce.http.client.health-check-interval=1h",
				"resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
				"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4" })
class DownstreamInstancesTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy customersA = new FaultyProxy(Downstreams.get().customerUrl());

	@RegisterExtension
	static final FaultyProxy customersB = new FaultyProxy(Downstreams.get().customerUrl());

	@RegisterExtension
	static final FaultyProxy productsA = new FaultyProxy(Downstreams.get().productUrl());

	@RegisterExtension
	static final FaultyProxy productsB = new FaultyProxy(Downstreams.get().productUrl());

	@RegisterExtension
	static final FaultyProxy paymentsA = new FaultyProxy(Downstreams.get().paymentUrl());

	@RegisterExtension
	static final FaultyProxy paymentsB = new FaultyProxy(Downstreams.get().paymentUrl());

	private static final List<String> SERVICES = List.of("customer-service", "product-service", "payment-service");

	@Autowired
	CircuitBreakerRegistry circuits;

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		registry.add("order.services.customer-url", () -> customersA.url() + "," + customersB.url());
		registry.add("order.services.product-url", () -> productsA.url() + "," + productsB.url());
		registry.add("order.services.payment-url", () -> paymentsA.url() + "," + paymentsB.url());
	}

	@AfterEach
	void closeCircuits() {
		SERVICES.forEach((service) -> this.circuits.circuitBreaker(service).reset());
	}

	@Test
	void ordersGoToEveryInstanceOfEachService() {
		placeCompletedOrders(4);

		for (FaultyProxy instance : List.of(customersA, customersB, productsA, productsB, paymentsA, paymentsB)) {
			assertThat(instance.apiCalls()).isPositive();
		}
	}

	@Test
	void oneStoppedInstanceOfEachServiceFailsNoOrderAndOpensNoCircuit() {
		customersA.down();
		productsA.down();
		paymentsA.down();

		placeCompletedOrders(10);

		assertCircuitsClosedWithoutFailures();
	}

	@Test
	void oneInstanceOfEachServiceAnswering503FailsNoOrderAndOpensNoCircuit() {
		customersB.fail();
		productsB.fail();
		paymentsB.fail();
		int before = customersB.apiCalls() + productsB.apiCalls() + paymentsB.apiCalls();

		placeCompletedOrders(10);

		assertThat(customersB.apiCalls() + productsB.apiCalls() + paymentsB.apiCalls() - before)
			.as("the failing instances kept getting attempts, retried on the others").isGreaterThanOrEqualTo(10);
		assertCircuitsClosedWithoutFailures();
	}

	private void placeCompletedOrders(int count) {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(250, 100);
		for (int order = 0; order < count; order++) {
			ApiClient.Response placed = this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 1));
			assertThat(placed.status()).as(placed.body()).isEqualTo(201);
			assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
			String orderId = placed.json().at("/data/orderId").asString();
			assertThat(this.services.paymentsOf(orderId)).hasSize(1);
		}
	}

	private void assertCircuitsClosedWithoutFailures() {
		for (String service : SERVICES) {
			CircuitBreaker circuit = this.circuits.circuitBreaker(service);
			assertThat(circuit.getState()).as(service).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(circuit.getMetrics().getNumberOfFailedCalls()).as(service).isZero();
		}
	}

}
