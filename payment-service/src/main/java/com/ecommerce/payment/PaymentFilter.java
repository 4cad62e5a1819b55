package com.ecommerce.payment;

import com.ecommerce.shared.web.OptionalResourceId;

/** {@code ?status&orderId&customerId} of the payment list. */
public record PaymentFilter(Payment.Status status, @OptionalResourceId String orderId,
		@OptionalResourceId String customerId) {
}
