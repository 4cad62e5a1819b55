package com.ecommerce.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import com.ecommerce.shared.web.ResourceId;

/**
 * The body of {@code POST /api/v1/products/{id}/release}. What is given back is what the order's reservation holds,
 * so the quantity (which the seed's callers send) is optional and only checked when given.
 */
public record ReleaseRequest(@Min(1) @Max(ReserveRequest.MAX_QUANTITY) Integer quantity, @ResourceId String orderId) {
}
