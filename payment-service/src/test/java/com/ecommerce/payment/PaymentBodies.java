package com.ecommerce.payment;

import java.util.UUID;

/** Request bodies and unique ids for the payment tests. */
final class PaymentBodies {

	private PaymentBodies() {
	}

	static String orderId() {
		return "ord_" + UUID.randomUUID().toString().replace("-", "");
	}

	static String key() {
		return "key-" + UUID.randomUUID();
	}

	static String payment(String orderId, long amount) {
		return "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}";
	}

	static String payment(String orderId, long amount, String method) {
		return "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"paymentMethod\":\"" + method + "\"}";
	}

	static String payment(String orderId, long amount, String method, String customerId, String productId) {
		return "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"paymentMethod\":\"" + method
				+ "\",\"customerId\":\"" + customerId + "\",\"productId\":\"" + productId + "\"}";
	}

}
