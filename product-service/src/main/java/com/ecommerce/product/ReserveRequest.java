package com.ecommerce.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/products/{id}/reserve}: both fields required. */
public record ReserveRequest(@NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity, @ResourceId String orderId) {

	static final int MAX_QUANTITY = 1_000_000;

}
