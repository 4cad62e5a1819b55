package com.ecommerce.system;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;
import java.util.stream.Stream;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every error class of the API contract, on every service where the contract gives it, answered with the error
 * envelope {@code {"success": false, "code", "message", "requestId", "details"?}}: the status, the code and, for a
 * 400, the field named in {@code details.errors}. Each test makes its own customers and products.
 */
class ErrorClassesTests {

	static final Shop shop = Shop.fromEnvironment();

	/** A body a little over the 1 MiB limit, otherwise well-formed JSON. */
	static final String OVERSIZED_BODY = "{\"name\": \"" + "a".repeat(1024 * 1024 + 1024) + "\"}";

	// ---------------------------------------------------------------- customer-service

	@Nested
	class Customers {

		@Test
		void aBadEmailIs400NamingEmail() {
			Response response = shop.customers.post("/api/v1/customers", customerBody(unique("not-an-email"), true));

			assertValidation(response, "email");
		}

		@Test
		void anAddressWithoutCityIs400NamingAddressCity() {
			Response response = shop.customers.post("/api/v1/customers", customerBody(uniqueEmail(), false));

			assertValidation(response, "address.city");
		}

		@Test
		void aBadPathIdIs400NamingTheId() {
			Response response = shop.customers.get("/api/v1/customers/bad$id");

			assertValidation(response, "customerId");
		}

		@Test
		void aLimitOfZeroIs400NamingLimit() {
			Response response = shop.customers.get("/api/v1/customers?limit=0");

			assertValidation(response, "limit");
		}

		@Test
		void aRepeatedScalarQueryParameterIs400NamingIt() {
			Response response = shop.customers.get("/api/v1/customers?limit=1&limit=2");

			assertValidation(response, "limit");
		}

		@Test
		void malformedJsonIs400() {
			Response response = shop.customers.post("/api/v1/customers", "{\"firstName\": ");

			assertEnvelope(response, 400, "VALIDATION_ERROR");
			assertThat(response.json().at("/details/errors")).as(response.body()).isNotEmpty();
		}

		@Test
		void anUnknownCustomerIs404() {
			Response response = shop.customers.get("/api/v1/customers/cust_" + shortUnique());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void aDuplicateEmailIs409() {
			String email = uniqueEmail();
			assertThat(shop.customers.post("/api/v1/customers", customerBody(email, true)).status()).isEqualTo(201);

			Response response = shop.customers.post("/api/v1/customers", customerBody(email, true));

			assertEnvelope(response, 409, "CONFLICT");
		}

		@Test
		void aDuplicateEmailInOtherCaseIs409() {
			String email = uniqueEmail();
			assertThat(shop.customers.post("/api/v1/customers", customerBody(email, true)).status()).isEqualTo(201);

			Response response = shop.customers.post("/api/v1/customers", customerBody(email.toUpperCase(), true));

			assertEnvelope(response, 409, "CONFLICT");
		}

		@Test
		void anUnsupportedMethodIs405() {
			Response response = shop.customers
				.send(shop.customers.request("/api/v1/customers/" + shop.newCustomer())
					.method("PATCH", BodyPublishers.ofString("{}"))
					.header("Content-Type", "application/json"));

			assertEnvelope(response, 405, "METHOD_NOT_ALLOWED");
		}

		@Test
		void aPlainTextBodyIs415() {
			Response response = postPlainText(shop.customers, "/api/v1/customers");

			assertEnvelope(response, 415, "UNSUPPORTED_MEDIA_TYPE");
		}

		@Test
		void aBodyOverOneMebibyteIs413() {
			Response response = shop.customers.post("/api/v1/customers", OVERSIZED_BODY);

			assertEnvelope(response, 413, "PAYLOAD_TOO_LARGE");
		}

		private static String customerBody(String email, boolean withCity) {
			return """
					{"firstName": "Erin", "lastName": "Error", "email": "%s", "phone": "+1234567890",
					 "address": {"street": "1 Test St", %s"state": "IL", "zipCode": "62701", "country": "USA"}}"""
				.formatted(email, withCity ? "\"city\": \"Springfield\", " : "");
		}

	}

	// ---------------------------------------------------------------- product-service

	@Nested
	class Products {

		@Test
		void aNegativePriceIs400NamingPrice() {
			Response response = shop.products.post("/api/v1/products", """
					{"name": "Negative", "description": "d", "price": -1, "category": "Test", "brand": "Acme",
					 "stock": 5}""");

			assertValidation(response, "price");
		}

		@Test
		void anUnknownProductIs404() {
			Response response = shop.products.get("/api/v1/products/prod_" + shortUnique());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void reservingMoreThanTheStockIs409InsufficientStockWithTheAvailableStock() {
			String productId = shop.newProduct(2, 100);

			Response response = reserve(productId, 3, newOrderId());

			assertEnvelope(response, 409, "INSUFFICIENT_STOCK");
			assertThat(response.json().at("/details/availableStock").asInt()).as(response.body()).isEqualTo(2);
		}

		@Test
		void releasingACommittedReservationIs409() {
			String productId = shop.newProduct(2, 100);
			String orderId = newOrderId();
			assertThat(reserve(productId, 1, orderId).status()).isEqualTo(200);
			assertThat(shop.products
				.post("/api/v1/products/" + productId + "/commit", "{\"orderId\": \"%s\"}".formatted(orderId))
				.status()).isEqualTo(200);

			Response response = release(productId, 1, orderId);

			assertEnvelope(response, 409, "INVALID_STATE");
		}

		@Test
		void releasingWithoutAReservationIs404() {
			String productId = shop.newProduct(2, 100);

			Response response = release(productId, 1, newOrderId());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void aPlainTextBodyIs415() {
			assertEnvelope(postPlainText(shop.products, "/api/v1/products"), 415, "UNSUPPORTED_MEDIA_TYPE");
		}

		@Test
		void aBodyOverOneMebibyteIs413() {
			assertEnvelope(shop.products.post("/api/v1/products", OVERSIZED_BODY), 413, "PAYLOAD_TOO_LARGE");
		}

		private static Response reserve(String productId, int quantity, String orderId) {
			return shop.products.post("/api/v1/products/" + productId + "/reserve",
					"{\"quantity\": %d, \"orderId\": \"%s\"}".formatted(quantity, orderId));
		}

		private static Response release(String productId, int quantity, String orderId) {
			return shop.products.post("/api/v1/products/" + productId + "/release",
					"{\"quantity\": %d, \"orderId\": \"%s\"}".formatted(quantity, orderId));
		}

	}

	// ---------------------------------------------------------------- order-service

	@Nested
	class Orders {

		@Test
		void aQuantityOfZeroIs400NamingQuantity() {
			Response response = shop.placeOrder(shop.newCustomer(), shop.newProduct(5, 100), 0, null);

			assertValidation(response, "quantity");
		}

		@Test
		void aQuantityOfTheWrongTypeIs400NamingQuantity() {
			Response response = shop.orders.post("/api/v1/orders",
					"{\"customerId\": \"%s\", \"productId\": \"%s\", \"quantity\": \"two\"}"
						.formatted(shop.newCustomer(), shop.newProduct(5, 100)));

			assertValidation(response, "quantity");
		}

		@Test
		void aMissingCustomerIdIs400NamingCustomerId() {
			Response response = shop.orders.post("/api/v1/orders",
					"{\"productId\": \"%s\", \"quantity\": 1}".formatted(shop.newProduct(5, 100)));

			assertValidation(response, "customerId");
		}

		@Test
		void anUnknownCustomerIs404() {
			Response response = shop.placeOrder("cust_" + shortUnique(), shop.newProduct(5, 100), 1, null);

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void anUnknownProductIs404() {
			Response response = shop.placeOrder(shop.newCustomer(), "prod_" + shortUnique(), 1, null);

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void anUnknownOrderIs404() {
			Response response = shop.orders.get("/api/v1/orders/ord_" + shortUnique());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void aQuantityAboveTheStockIs409InsufficientStock() {
			Response response = shop.placeOrder(shop.newCustomer(), shop.newProduct(2, 100), 3, null);

			assertEnvelope(response, 409, "INSUFFICIENT_STOCK");
		}

		@Test
		void cancellingACompletedOrderIs409InvalidState() {
			String orderId = completedOrder();

			Response response = shop.orders.post("/api/v1/orders/" + orderId + "/cancel", "{\"reason\": \"too late\"}");

			assertEnvelope(response, 409, "INVALID_STATE");
			assertThat(shop.order(orderId).get("orderStatus").asString()).isEqualTo("completed");
		}

		@Test
		void theSameIdempotencyKeyWithTheSameBodyReplaysTheOrder() {
			String customerId = shop.newCustomer();
			String productId = shop.newProduct(5, 100);
			String key = "errors-" + UUID.randomUUID();
			Response first = shop.placeOrder(customerId, productId, 1, key);
			assertThat(first.status()).as(first.body()).isEqualTo(201);

			Response replay = shop.placeOrder(customerId, productId, 1, key);

			assertThat(replay.status()).as(replay.body()).isEqualTo(200);
			assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(replay.json().at("/data/orderId").asString())
				.isEqualTo(first.json().at("/data/orderId").asString());
		}

		@Test
		void theSameIdempotencyKeyWithAnotherBodyIs422() {
			String customerId = shop.newCustomer();
			String productId = shop.newProduct(5, 100);
			String key = "errors-" + UUID.randomUUID();
			Response first = shop.placeOrder(customerId, productId, 1, key);
			assertThat(first.status()).as(first.body()).isEqualTo(201);

			Response response = shop.placeOrder(customerId, productId, 2, key);

			assertEnvelope(response, 422, "IDEMPOTENCY_KEY_REUSED");
		}

		@Test
		void aPlainTextBodyIs415() {
			assertEnvelope(postPlainText(shop.orders, "/api/v1/orders"), 415, "UNSUPPORTED_MEDIA_TYPE");
		}

		@Test
		void aBodyOverOneMebibyteIs413() {
			assertEnvelope(shop.orders.post("/api/v1/orders", OVERSIZED_BODY), 413, "PAYLOAD_TOO_LARGE");
		}

		/**
		 * An order that completed. The gateway declines some payments at random (PAYMENT_FAILURE_RATE), so a few tries
		 * may be needed.
		 */
		private static String completedOrder() {
			String customerId = shop.newCustomer();
			String productId = shop.newProduct(10, 100);
			for (int attempt = 0; attempt < 5; attempt++) {
				Response response = shop.placeOrder(customerId, productId, 1, null);
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				JsonNode order = response.json().get("data");
				if (order.get("orderStatus").asString().equals("completed")) {
					return order.get("orderId").asString();
				}
			}
			throw new AssertionError("no order completed in 5 tries");
		}

	}

	// ---------------------------------------------------------------- payment-service

	@Nested
	class Payments {

		@Test
		void aMissingAmountIs400NamingAmount() {
			Response response = shop.payments.post("/api/v1/payments/process",
					"{\"orderId\": \"%s\"}".formatted(newOrderId()));

			assertValidation(response, "amount");
		}

		@Test
		void aNegativeAmountIs400NamingAmount() {
			Response response = shop.payments.post("/api/v1/payments/process",
					"{\"orderId\": \"%s\", \"amount\": -5}".formatted(newOrderId()));

			assertValidation(response, "amount");
		}

		@Test
		void theTestDeclinedMethodIs402WithTheFailedPaymentAsDetails() {
			String orderId = newOrderId();

			Response response = shop.payments.post("/api/v1/payments/process",
					"{\"orderId\": \"%s\", \"amount\": 500, \"paymentMethod\": \"test_declined\"}".formatted(orderId));

			assertEnvelope(response, 402, "PAYMENT_DECLINED");
			JsonNode payment = response.json().get("details");
			assertThat(payment.get("paymentId").asString()).startsWith("pay_");
			assertThat(payment.get("orderId").asString()).isEqualTo(orderId);
			assertThat(payment.get("amount").asLong()).isEqualTo(500);
			assertThat(payment.get("paymentMethod").asString()).isEqualTo("test_declined");
			assertThat(payment.get("status").asString()).isEqualTo("failed");
		}

		@Test
		void theSameIdempotencyKeyWithAnotherBodyIs422() {
			String orderId = newOrderId();
			String key = "errors-" + UUID.randomUUID();
			Response first = pay(orderId, 500, key);
			assertThat(first.status()).as(first.body()).isIn(201, 402);

			Response response = pay(orderId, 600, key);

			assertEnvelope(response, 422, "IDEMPOTENCY_KEY_REUSED");
		}

		@Test
		void anUnknownPaymentIs404() {
			Response response = shop.payments.get("/api/v1/payments/pay_" + shortUnique());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

		@Test
		void aPlainTextBodyIs415() {
			assertEnvelope(postPlainText(shop.payments, "/api/v1/payments/process"), 415, "UNSUPPORTED_MEDIA_TYPE");
		}

		@Test
		void aBodyOverOneMebibyteIs413() {
			assertEnvelope(shop.payments.post("/api/v1/payments/process", OVERSIZED_BODY), 413, "PAYLOAD_TOO_LARGE");
		}

		private static Response pay(String orderId, long amount, String key) {
			return shop.payments.post("/api/v1/payments/process",
					"{\"orderId\": \"%s\", \"amount\": %d}".formatted(orderId, amount), "Idempotency-Key", key);
		}

	}

	// ---------------------------------------------------------------- transaction-worker

	@Nested
	class Transactions {

		@Test
		void anUnknownStatusFilterIs400NamingStatus() {
			Response response = shop.transactions.get("/api/v1/transactions?status=bogus");

			assertValidation(response, "status");
		}

		@Test
		void aLimitAbove100Is400NamingLimit() {
			Response response = shop.transactions.get("/api/v1/transactions?limit=1000");

			assertValidation(response, "limit");
		}

		@Test
		void aBadPathIdIs400NamingTheId() {
			Response response = shop.transactions.get("/api/v1/transactions/bad$id");

			assertValidation(response, "transactionId");
		}

		@Test
		void anUnknownTransactionIs404() {
			Response response = shop.transactions.get("/api/v1/transactions/txn_" + shortUnique());

			assertEnvelope(response, 404, "NOT_FOUND");
		}

	}

	// ---------------------------------------------------------------- every service

	static Stream<Arguments> services() {
		return Stream.of(Arguments.of("customer-service", shop.customers, "/api/v1/customers/cust_001"),
				Arguments.of("product-service", shop.products, "/api/v1/products/prod_001"),
				Arguments.of("order-service", shop.orders, "/api/v1/orders/ord_" + shortUnique()),
				Arguments.of("payment-service", shop.payments, "/api/v1/payments/pay_" + shortUnique()),
				Arguments.of("transaction-worker", shop.transactions, "/api/v1/transactions/txn_" + shortUnique()));
	}

	@Nested
	class EveryService {

		@ParameterizedTest(name = "{0}")
		@MethodSource("com.ecommerce.system.ErrorClassesTests#services")
		void anUnknownRouteIs404(String service, ApiClient api, String resource) {
			assertEnvelope(api.get("/api/v1/no-such-route"), 404, "NOT_FOUND");
		}

		/** PATCH is no method of the contract; the resource exists or not, the method is what is refused. */
		@ParameterizedTest(name = "{0}")
		@MethodSource("com.ecommerce.system.ErrorClassesTests#services")
		void anUnsupportedMethodIs405(String service, ApiClient api, String resource) {
			Response response = api.send(api.request(resource)
				.method("PATCH", BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/json"));

			assertEnvelope(response, 405, "METHOD_NOT_ALLOWED");
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("com.ecommerce.system.ErrorClassesTests#services")
		void aRequestIdSentIsEchoedInTheHeaderAndTheErrorBody(String service, ApiClient api, String resource) {
			String requestId = "errors-test." + UUID.randomUUID();

			Response response = api.get("/api/v1/no-such-route", "X-Request-Id", requestId);

			assertEnvelope(response, 404, "NOT_FOUND");
			assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
			assertThat(response.json().get("requestId").asString()).isEqualTo(requestId);
		}

	}

	// ---------------------------------------------------------------- helpers

	/** The error envelope: this status, {@code success: false}, a code, a message and the request id. */
	static void assertEnvelope(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/json");
		JsonNode body = response.json();
		assertThat(body.get("success").asBoolean()).as(response.body()).isFalse();
		assertThat(body.path("code").asString()).as(response.body()).isNotBlank();
		assertThat(body.path("message").asString()).as(response.body()).isNotBlank();
		assertThat(body.path("requestId").asString()).as(response.body())
			.isNotBlank()
			.isEqualTo(response.header("X-Request-Id"));
		assertThat(response.body()).as("no stack trace").doesNotContain("\tat ", "Exception");
	}

	static void assertEnvelope(Response response, int status, String code) {
		assertEnvelope(response, status);
		assertError(response, status, code);
	}

	static void assertValidation(Response response, String field) {
		assertEnvelope(response, 400, "VALIDATION_ERROR");
		assertValidationError(response, field);
	}

	static Response postPlainText(ApiClient api, String path) {
		return api.send(api.request(path).header("Content-Type", "text/plain").POST(BodyPublishers.ofString("hello")));
	}

	static String newOrderId() {
		return "ord_errors_" + shortUnique();
	}

	static String uniqueEmail() {
		return unique("erin.error") + "@example.com";
	}

	static String unique(String prefix) {
		return prefix + "." + shortUnique();
	}

	/** 32 hex digits: valid in a path id, unknown to every service. */
	static String shortUnique() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
