package com.ecommerce.payment;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.PaymentMethod;

/**
 * The simulated card processor of the seed: {@code test_declined} always declines, any other method declines at
 * random with the configured failure rate, after the configured latency. Nothing is charged for real, so nothing
 * needs voiding when the payment can't be stored (a real processor would be authorized here and voided then).
 */
@Component
class PaymentGateway {

	private final PaymentProperties.Gateway settings;

	PaymentGateway(PaymentProperties properties) {
		this.settings = properties.gateway();
	}

	Decision charge(String paymentMethod, long amount) {
		simulateLatency();
		if (PaymentMethod.test_declined.name().equals(paymentMethod)
				|| ThreadLocalRandom.current().nextDouble() < this.settings.failureRate()) {
			return new Decision(false, Payment.DECLINED);
		}
		return new Decision(true, null);
	}

	private void simulateLatency() {
		long millis = this.settings.latency().toMillis();
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while charging", ex);
			}
		}
	}

	record Decision(boolean approved, String failureReason) {
	}

}
