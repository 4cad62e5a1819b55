package com.ecommerce.shared.error;

/** One rejected input: the field (a JSON path like {@code address.zipCode}, or a parameter name) and why. */
public record FieldError(String field, String message) {
}
