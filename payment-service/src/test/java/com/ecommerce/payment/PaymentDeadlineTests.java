package com.ecommerce.payment;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A charge with a deadline (order-service sends one) is not started past it, and a charge that ends past it is
 * refunded at once: whoever asked may have given up, and must not have paid for nothing. The gateway takes 3 s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "payment.gateway.failure-rate=0", "payment.gateway.latency=3s" })
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class PaymentDeadlineTests {

	@Autowired
	ApiClient api;

	@Test
	void aChargePastItsDeadlineIsRefusedAndNothingIsCharged() {
		String orderId = PaymentBodies.orderId();

		ApiClient.Response answer = this.api.post(PaymentApiTests.PROCESS, charge(orderId, Instant.now().minusSeconds(1)));

		assertError(answer, 409, "CONFLICT");
		assertThat(answer.json().at("/details/deadline").asString()).isNotBlank();
		assertThat(paymentsOf(orderId)).isEmpty();
	}

	@Test
	void aChargeThatEndsAfterItsDeadlineIsRefundedAtOnce() {
		String orderId = PaymentBodies.orderId();

		ApiClient.Response answer = this.api.post(PaymentApiTests.PROCESS,
				charge(orderId, Instant.now().plusMillis(1500)));

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json().at("/data/status").asString()).isEqualTo("refunded");
		assertThat(paymentsOf(orderId)).containsExactly("refunded");
	}

	@Test
	void aChargeWithinItsDeadlineCompletes() {
		String orderId = PaymentBodies.orderId();

		ApiClient.Response answer = this.api.post(PaymentApiTests.PROCESS,
				charge(orderId, Instant.now().plusSeconds(30)));

		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(paymentsOf(orderId)).containsExactly("completed");
	}

	private static String charge(String orderId, Instant deadline) {
		return "{\"orderId\": \"%s\", \"amount\": 1000, \"deadline\": \"%s\"}".formatted(orderId, deadline);
	}

	private List<String> paymentsOf(String orderId) {
		return this.api.get("/api/v1/payments/order/" + orderId).json().get("data").findValuesAsString("status");
	}

}
