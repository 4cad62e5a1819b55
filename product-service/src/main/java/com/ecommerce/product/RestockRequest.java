package com.ecommerce.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/products/{id}/restock}: both fields required. */
public record RestockRequest(@NotNull @Min(1) @Max(ReserveRequest.MAX_QUANTITY) Integer quantity,
		@ResourceId String orderId) {
}
