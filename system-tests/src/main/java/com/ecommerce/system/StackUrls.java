package com.ecommerce.system;

/**
 * Where the running stack answers: the seed's {@code *_SERVICE_URL} variables (and {@code TRANSACTION_WORKER_URL}),
 * else {@code http://localhost:3001}…{@code 3005}, the ports {@code scripts/stack up} uses.
 */
public record StackUrls(String customers, String products, String orders, String payments, String transactions) {

	public static StackUrls fromEnvironment() {
		return new StackUrls(url("CUSTOMER_SERVICE_URL", 3001), url("PRODUCT_SERVICE_URL", 3002),
				url("ORDER_SERVICE_URL", 3003), url("PAYMENT_SERVICE_URL", 3004), url("TRANSACTION_WORKER_URL", 3005));
	}

	private static String url(String variable, int port) {
		String value = System.getenv(variable);
		return (value == null || value.isBlank()) ? "http://localhost:" + port : value;
	}

}
