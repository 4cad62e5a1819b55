package com.ecommerce.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

import static com.ecommerce.order.OrderRequests.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payment-service charges, but its answer never arrives: the order must end completed (by the retry, or by the
 * recovery job), never failed with a completed payment.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ecommerce.http.client.read-timeout=500ms", "order.recovery.timeout=2s",
				"order.recovery.interval=200ms",
				"resilience4j.circuitbreaker.instances.payment-service.wait-duration-in-open-state=1s" })
class PaymentAnswerLostTests extends OrderServiceTest {

	@RegisterExtension
	static final FaultyProxy payments = new FaultyProxy(Downstreams.get().paymentUrl());

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, payments);
	}

	@Autowired
	CircuitBreakerRegistry breakers;

	@AfterEach
	void closeCircuit() {
		this.breakers.circuitBreaker("payment-service").reset();
	}


	@Test
	void aChargeWhoseAnswerIsLostIsRetriedAndTheOrderCompletesWithOnePayment() {
		String product = this.services.newProduct(1200, 5);
		payments.loseAnswers("POST /api/v1/payments/process", 1);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 2));

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		String orderId = answer.json().at("/data/orderId").asString();
		assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(this.services.paymentsOf(orderId)).singleElement()
			.satisfies((payment) -> assertThat(payment.get("status").asString()).isEqualTo("completed"));
		assertThat(this.services.stock(product)).isEqualTo(3);
	}

	/**
	 * The charge reaches payment-service only after recovery gave the order up (3 s; the time-out is 2 s, the charge's
	 * deadline 1 s after the order asked): the order ends failed with its stock back, and no money is taken.
	 */
	@Test
	void aChargeArrivingAfterTheOrderWasGivenUpTakesNoMoney() {
		String product = this.services.newProduct(1200, 5);
		payments.delay("POST /api/v1/payments/process", 3000);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 1));

		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		String orderId = answer.json().at("/data/orderId").asString();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("failed"));
		// Every attempt of the charge (three) has reached payment-service by now, past its deadline: none was charged.
		await().atMost(Duration.ofSeconds(15)).until(() -> payments.delayedAndPassedOn() >= 3);
		assertThat(this.services.paymentsOf(orderId)).isEmpty();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.services.stock(product)).isEqualTo(5));
	}

	@Test
	void whenNoAnswerComesBackTheOrderStaysProcessingAndTheRecoveryJobCompletesIt() {
		String product = this.services.newProduct(1200, 5);
		payments.loseAnswers("", Integer.MAX_VALUE);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 1));

		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		assertThat(answer.json().at("/data/orderStatus").asString()).isEqualTo("processing");
		String orderId = answer.json().at("/data/orderId").asString();
		payments.heal();

		List<String> seen = new ArrayList<>();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			String status = this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString();
			seen.add(status);
			assertThat(status).isEqualTo("completed");
		});
		assertThat(seen).doesNotContain("failed", "cancelled");
		assertThat(this.services.paymentsOf(orderId)).singleElement()
			.satisfies((payment) -> assertThat(payment.get("status").asString()).isEqualTo("completed"));
		assertThat(this.services.stock(product)).isEqualTo(4);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(events(this.api, orderId)).contains("payment_unknown", "recovered",
					"committed"));
	}

}
