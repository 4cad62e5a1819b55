package com.ecommerce.order;

import com.ecommerce.shared.web.OptionalResourceId;

/** {@code ?customerId&status} of the order list. */
public record OrderFilter(@OptionalResourceId String customerId, OrderStatus status) {
}
