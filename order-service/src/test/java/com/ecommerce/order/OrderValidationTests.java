package com.ecommerce.order;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.JsonBodies;

import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input of the order API is a 400 VALIDATION_ERROR that names the field, and nothing is ordered. */
class OrderValidationTests extends AgainstRealServices {

	/** (field, the bad value as JSON, or null to leave the field out) */
	static Stream<Arguments> badFields() {
		return Stream.of(Arguments.of("customerId", null), Arguments.of("customerId", "\"\""),
				Arguments.of("customerId", "\"not/an id\""), Arguments.of("customerId", "\"" + "c".repeat(65) + "\""),
				Arguments.of("customerId", "42"), Arguments.of("productId", null), Arguments.of("productId", "\"$ne\""),
				Arguments.of("productId", "{}"), Arguments.of("quantity", null), Arguments.of("quantity", "0"),
				Arguments.of("quantity", "-1"), Arguments.of("quantity", "1001"), Arguments.of("quantity", "\"2\""),
				Arguments.of("quantity", "1.5"), Arguments.of("paymentMethod", "\"cash\""),
				Arguments.of("paymentMethod", "7"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("badFields")
	void eachInvalidFieldIsNamed(String field, String badValue) {
		String body = JsonBodies.withField(OrderRequests.order("cust_001", "prod_001", 1), field, badValue);
		assertValidationError(this.api.post("/api/v1/orders", body), field);
	}

	@Test
	void badJsonAndAMissingBodyAre400() {
		assertValidationError(this.api.post("/api/v1/orders", "{\"customerId\": "), "body");
		assertValidationError(this.api.post("/api/v1/orders", ""), "body");
	}

	@Test
	void anIdempotencyKeyOfMoreThan255CharactersIsRefused() {
		ApiClient.Response response = this.api.post("/api/v1/orders", OrderRequests.order("cust_001", "prod_001", 1),
				"Idempotency-Key", "k".repeat(256));

		assertValidationError(response, "Idempotency-Key");
	}

	@Test
	void badIdsAndQueryParametersAreNamed() {
		assertValidationError(this.api.get("/api/v1/orders/bad%20id"), "orderId");
		assertValidationError(this.api.get("/api/v1/orders/bad%20id/timeline"), "orderId");
		assertValidationError(this.api.post("/api/v1/orders/bad%20id/cancel", "{}"), "orderId");
		assertValidationError(this.api.get("/api/v1/orders?status=shipped"), "status");
		assertValidationError(this.api.get("/api/v1/orders?customerId=a%20b"), "customerId");
		assertValidationError(this.api.get("/api/v1/orders?page=0"), "page");
		assertValidationError(this.api.get("/api/v1/orders?limit=101"), "limit");
		assertValidationError(this.api.get("/api/v1/orders?status=completed&status=failed"), "status");
		assertValidationError(this.api.get("/api/v1/orders/customer/bad%20id"), "customerId");
	}

	@Test
	void aCancelReasonMustBeShort() {
		ApiClient.Response response = this.api.post("/api/v1/orders/ord_x/cancel",
				"{\"reason\": \"" + "r".repeat(201) + "\"}");

		assertValidationError(response, "reason");
		assertThat(response.status()).isEqualTo(400);
	}

}
