package com.ecommerce.order;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.JsonBodies;
import com.ecommerce.shared.Money;

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

	/**
	 * A price stored before prices were bounded: twice 9·10¹⁸ cents overflows a long (a 500 once). No payment can be
	 * that large; the order is refused naming the quantity, and no stock is taken for it.
	 */
	@Test
	void anOrderCostingMoreThanAnyPaymentIs400AndHoldsNoStock() {
		String product = this.services.storedProduct(9_000_000_000_000_000_000L, 5);

		ApiClient.Response answer = this.api.post("/api/v1/orders",
				OrderRequests.order(this.services.newCustomer(), product, 2));

		assertValidationError(answer, "quantity");
		String orderId = answer.json().at("/details/orderId").asString();
		assertThat(this.api.get("/api/v1/orders/" + orderId).json().at("/data/orderStatus").asString())
			.isEqualTo("failed");
		assertThat(OrderRequests.events(this.api, orderId)).doesNotContain("reserved", "released", "payment_requested");
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(this.services.reservedStock(product)).isZero();
		// Not taken and given back: never taken.
		assertThat(this.services.products().get("/api/v1/products/" + product + "/movements").json().get("data"))
			.isEmpty();
		assertThat(this.services.paymentsOf(orderId)).isEmpty();
	}

	/** The largest amount a payment can be is the largest an order can come to. */
	@Test
	void anOrderMayCostExactlyTheLargestPaymentAndNotACentMore() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(Money.MAX_CENTS / 2, 5);

		assertValidationError(this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 3)), "quantity");
		ApiClient.Response placed = this.api.post("/api/v1/orders", OrderRequests.order(customer, product, 2));

		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(placed.json().at("/data/amount").asLong()).isEqualTo(Money.MAX_CENTS);
		assertThat(this.services.stock(product)).isEqualTo(3);
		assertThat(this.services.reservedStock(product)).isZero();
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

	/** A NoSQL operator in a parameter's name is refused, naming it, not bound into the filter (nor a 500). */
	@ParameterizedTest
	@ValueSource(strings = { "customerId[$ne]", "status[$in][]", "customerId.x" })
	void anOperatorInAListParameterNameIs400(String name) {
		assertValidationError(this.api.get("/api/v1/orders?" + ApiClient.encode(name) + "=x"), name);
	}

	@Test
	void aCancelReasonMustBeShort() {
		ApiClient.Response response = this.api.post("/api/v1/orders/ord_x/cancel",
				"{\"reason\": \"" + "r".repeat(201) + "\"}");

		assertValidationError(response, "reason");
		assertThat(response.status()).isEqualTo(400);
	}

}
