package com.ecommerce.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.ecommerce.shared.Fingerprints;
import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/orders}. */
public record NewOrder(@ResourceId String customerId, @ResourceId String productId,
		@NotNull @Min(value = 1, message = "must be between 1 and 1000") @Max(value = MAX_QUANTITY,
				message = "must be between 1 and 1000") Integer quantity,
		@Pattern(regexp = METHODS, message = "must be one of credit_card, debit_card, paypal, bank_transfer, test_declined") String paymentMethod) {

	static final int MAX_QUANTITY = 1000;

	static final String DEFAULT_METHOD = "credit_card";

	private static final String METHODS = "^(credit_card|debit_card|paypal|bank_transfer|test_declined)$";

	String method() {
		return (this.paymentMethod != null) ? this.paymentMethod : DEFAULT_METHOD;
	}

	/** What a repeat under the same idempotency key must match, after defaults are applied. */
	String fingerprint() {
		return Fingerprints.sha256(this.customerId, this.productId, String.valueOf(this.quantity), method());
	}

}
