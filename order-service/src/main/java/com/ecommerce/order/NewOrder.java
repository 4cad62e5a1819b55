package com.ecommerce.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.ecommerce.shared.Fingerprints;
import com.ecommerce.shared.PaymentMethod;
import com.ecommerce.shared.web.OneOf;
import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/orders}. */
public record NewOrder(@ResourceId String customerId, @ResourceId String productId,
		@NotNull @Min(value = 1, message = QUANTITY_RANGE) @Max(value = 1000, message = QUANTITY_RANGE) Integer quantity,
		@OneOf(PaymentMethod.class) String paymentMethod) {

	private static final String QUANTITY_RANGE = "must be between 1 and 1000";

	String method() {
		return (this.paymentMethod != null) ? this.paymentMethod : PaymentMethod.DEFAULT.name();
	}

	/** What a repeat under the same idempotency key must match, after defaults are applied. */
	String fingerprint() {
		return Fingerprints.sha256(this.customerId, this.productId, String.valueOf(this.quantity), method());
	}

}
