package com.ecommerce.order;

import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/v1/orders/{orderId}/cancel}. */
public record CancelRequest(@Size(min = 1, max = 200) String reason) {

	static final String DEFAULT_REASON = "customer_request";

	String reasonOrDefault() {
		return (this.reason != null) ? this.reason : DEFAULT_REASON;
	}

}
