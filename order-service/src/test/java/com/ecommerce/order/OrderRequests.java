package com.ecommerce.order;

import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient;

/** Order bodies and timeline reading for the tests. */
final class OrderRequests {

	private OrderRequests() {
	}

	static String order(String customerId, String productId, int quantity) {
		return """
				{"customerId": "%s", "productId": "%s", "quantity": %d}""".formatted(customerId, productId, quantity);
	}

	/** An order whose payment payment-service always declines. */
	static String declined(String customerId, String productId, int quantity) {
		return """
				{"customerId": "%s", "productId": "%s", "quantity": %d, "paymentMethod": "test_declined"}"""
			.formatted(customerId, productId, quantity);
	}

	/** The events of the order's timeline, oldest first. */
	static List<String> events(ApiClient api, String orderId) {
		JsonNode timeline = api.get("/api/v1/orders/" + orderId + "/timeline").json().get("data");
		return StreamSupport.stream(timeline.spliterator(), false).map((e) -> e.get("event").asString()).toList();
	}

}
