package com.ecommerce.shared.messaging;

import java.time.Instant;

/**
 * What payment-service publishes for every completed, declined or refunded payment, and transaction-worker stores:
 * the seed's event schema plus {@code paymentId} and {@code type}. Money in integer cents.
 */
public record TransactionEvent(String transactionId, String paymentId, String orderId, String customerId,
		String productId, long amount, String status, Type type, Instant timestamp) {

	public enum Type {

		charge, refund

	}

}
