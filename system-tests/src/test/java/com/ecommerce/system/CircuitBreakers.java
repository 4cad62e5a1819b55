package com.ecommerce.system;

import com.ecommerce.infrastructure.ApiClient;

/**
 * The order-service's circuit breakers, read from its Prometheus page as an operator's dashboard would: on its
 * management port ({@code ORDER_SERVICE_MANAGEMENT_URL}, else {@code http://localhost:9003}, the API port + 6000).
 */
final class CircuitBreakers {

	private static final ApiClient MANAGEMENT = new ApiClient(
			System.getenv().getOrDefault("ORDER_SERVICE_MANAGEMENT_URL", "http://localhost:9003"));

	private CircuitBreakers() {
	}

	/** {@code closed}, {@code open} or {@code half_open} for the breaker in front of {@code downstream}. */
	static String state(String downstream) {
		String prefix = "resilience4j_circuitbreaker_state{name=\"" + downstream + "\",state=\"";
		return MANAGEMENT.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith(prefix) && line.endsWith(" 1.0"))
			.map((line) -> line.substring(prefix.length(), line.indexOf('"', prefix.length())))
			.findFirst()
			.orElseThrow(() -> new AssertionError("order-service shows no circuit breaker for " + downstream));
	}

}
