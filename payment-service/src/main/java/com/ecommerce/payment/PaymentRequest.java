package com.ecommerce.payment;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.ecommerce.shared.Fingerprints;
import com.ecommerce.shared.Money;
import com.ecommerce.shared.PaymentMethod;
import com.ecommerce.shared.idempotency.IdempotencyHeaders;
import com.ecommerce.shared.web.OneOf;
import com.ecommerce.shared.web.OptionalResourceId;
import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/payments/process}; {@code amount} is in cents, 1..{@link Money#MAX_CENTS}. */
public record PaymentRequest(@ResourceId String orderId,
		@NotNull @Min(value = 1, message = "must be a whole number of cents, at least 1")
		@Max(value = Money.MAX_CENTS, message = Money.TOO_LARGE) Long amount,
		@OneOf(PaymentMethod.class) String paymentMethod,
		@Size(min = 1, max = IdempotencyHeaders.MAX_KEY_LENGTH) String idempotencyKey,
		@OptionalResourceId String customerId, @OptionalResourceId String productId, Instant deadline) {

	String method() {
		return (this.paymentMethod != null) ? this.paymentMethod : PaymentMethod.DEFAULT.name();
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
