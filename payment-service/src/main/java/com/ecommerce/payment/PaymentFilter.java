package com.ecommerce.payment;

import jakarta.validation.constraints.Pattern;

import com.ecommerce.shared.web.ResourceId;

/** {@code ?status&orderId&customerId} of the payment list. */
public record PaymentFilter(
		@Pattern(regexp = "^(completed|failed|refunded)$", message = "must be one of completed, failed, refunded") String status,
		@Pattern(regexp = ResourceId.PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'") String orderId,
		@Pattern(regexp = ResourceId.PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'") String customerId) {
}
