package com.ecommerce.order;

import jakarta.validation.constraints.Pattern;

import com.ecommerce.shared.web.ResourceId;

/** {@code ?customerId&status} of the order list. */
public record OrderFilter(
		@Pattern(regexp = ResourceId.PATTERN, message = "must be 1 to 64 letters, digits, '_' or '-'") String customerId,
		@Pattern(regexp = "^(pending|processing|completed|failed|cancelled)$",
				message = "must be one of pending, processing, completed, failed, cancelled") String status) {
}
