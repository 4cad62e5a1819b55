package com.ecommerce.product;

import com.ecommerce.shared.web.ResourceId;

/** The body of {@code POST /api/v1/products/{id}/commit}. */
public record CommitRequest(@ResourceId String orderId) {
}
