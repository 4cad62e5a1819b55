package com.ecommerce.payment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentGatewayTests {

	@Test
	void testDeclinedAlwaysDeclinesAndTheFailureRateDecidesTheRest() {
		PaymentGateway never = gateway(0);
		PaymentGateway always = gateway(1);
		assertThat(never.charge("credit_card", 100).approved()).isTrue();
		assertThat(never.charge("test_declined", 100)).isEqualTo(new PaymentGateway.Decision(false, "payment_declined"));
		assertThat(always.charge("paypal", 100)).isEqualTo(new PaymentGateway.Decision(false, "payment_declined"));
	}

	@Test
	void theLatencyIsSimulated() {
		PaymentGateway slow = new PaymentGateway(new PaymentProperties(
				new PaymentProperties.Gateway(0, Duration.ofMillis(50)), null));
		long started = System.nanoTime();
		slow.charge("credit_card", 100);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	private static PaymentGateway gateway(double failureRate) {
		return new PaymentGateway(
				new PaymentProperties(new PaymentProperties.Gateway(failureRate, Duration.ZERO), null));
	}

}
