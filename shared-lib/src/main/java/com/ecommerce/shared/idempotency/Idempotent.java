package com.ecommerce.shared.idempotency;

/**
 * The result of running work under an idempotency key: its value, and whether it answers an earlier request with
 * the same key ({@code replayed}) rather than this one's own work.
 */
public record Idempotent<T>(T value, boolean replayed) {
}
