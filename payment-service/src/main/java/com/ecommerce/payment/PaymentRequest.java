package com.ecommerce.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.ecommerce.shared.Fingerprints;
import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/payments/process}. */
public record PaymentRequest(@ResourceId String orderId,
		@NotNull @Min(value = 1, message = "must be a whole number of cents, at least 1") @Max(MAX_AMOUNT) Long amount,
		@Pattern(regexp = METHODS, message = "must be one of credit_card, debit_card, paypal, bank_transfer, test_declined") String paymentMethod,
		@Size(min = 1, max = MAX_KEY_LENGTH) String idempotencyKey,
		@Pattern(regexp = ResourceId.PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'") String customerId,
		@Pattern(regexp = ResourceId.PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'") String productId) {

	static final int MAX_KEY_LENGTH = 255;

	/** A trillion cents: far above any order, far below where arithmetic on cents could overflow. */
	static final long MAX_AMOUNT = 1_000_000_000_000L;

	static final String DEFAULT_METHOD = "credit_card";

	static final String DECLINING_METHOD = "test_declined";

	private static final String METHODS = "^(credit_card|debit_card|paypal|bank_transfer|test_declined)$";

	String method() {
		return (this.paymentMethod != null) ? this.paymentMethod : DEFAULT_METHOD;
	}

	/**
	 * What a repeat under the same key must match: the request after defaults are applied, without the key itself.
	 * So omitting {@code paymentMethod} and sending {@code credit_card} are the same request.
	 */
	String fingerprint() {
		return Fingerprints.sha256(this.orderId, String.valueOf(this.amount), method(), String.valueOf(this.customerId),
				String.valueOf(this.productId));
	}

}
