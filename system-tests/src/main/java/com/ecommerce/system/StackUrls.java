package com.ecommerce.system;

/**
 * Where the running stack answers: the seed's {@code *_SERVICE_URL} variables (and {@code TRANSACTION_WORKER_URL}),
 * else {@code http://localhost:3001}…{@code 3005}, the ports {@code scripts/stack up} uses.
 */
public record StackUrls(String customers, String products, String orders, String payments, String transactions) {

	/** The api-gateway's port in the stack; {@code GATEWAY_URL} overrides it. */
	private static final int GATEWAY_PORT = 8080;

	public static StackUrls fromEnvironment() {
		return new StackUrls(url("CUSTOMER_SERVICE_URL", 3001), url("PRODUCT_SERVICE_URL", 3002),
				url("ORDER_SERVICE_URL", 3003), url("PAYMENT_SERVICE_URL", 3004), url("TRANSACTION_WORKER_URL", 3005));
	}

	/** Every service through the api-gateway, as clients outside the system call it. */
	public static StackUrls throughGateway() {
		String gateway = gateway();
		return new StackUrls(gateway, gateway, gateway, gateway, gateway);
	}

	public static String gateway() {
		return url("GATEWAY_URL", GATEWAY_PORT);
	}

	/**
	 * Instance {@code number} (1, 2, …) of each service as {@code scripts/stack up --replicas N} runs them: instance k
	 * listens 100 × (k - 1) above the first.
	 */
	public static StackUrls instance(int number) {
		int offset = 100 * (number - 1);
		return new StackUrls(local(3001 + offset), local(3002 + offset), local(3003 + offset), local(3004 + offset),
				local(3005 + offset));
	}

	private static String url(String variable, int port) {
		String value = System.getenv(variable);
		return (value == null || value.isBlank()) ? local(port) : value;
	}

	private static String local(int port) {
		return "http://localhost:" + port;
	}

}
