package com.ecommerce.system;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
 *
 * <p>
 * Most cases are one request (after the set-up it makes itself) and the status and code it must answer: they are the
 * rows of the tables below. The tests after each table check more of an answer than that.
 */
class ErrorClassesTests {

	static final Shop shop = Shop.fromEnvironment();

	/** Reserve, release, commit and charges are order-service's alone: these tests call them with its token. */
	static final Shop internal = shop.as("order-service");

	/** A body a little over the 1 MiB limit, otherwise well-formed JSON. */
	static final String OVERSIZED_BODY = "{\"name\": \"" + "a".repeat(1024 * 1024 + 1024) + "\"}";

	// ---------------------------------------------------------------- 400 VALIDATION_ERROR

	static Stream<Arguments> invalidRequests() {
		return Stream.of(
				invalid("customer-service: a bad email", "email",
						() -> shop.customers.post("/api/v1/customers", customerBody(unique("not-an-email"), true))),
				invalid("customer-service: an address without city", "address.city",
						() -> shop.customers.post("/api/v1/customers", customerBody(uniqueEmail(), false))),
				invalid("customer-service: a bad path id", "customerId",
						() -> shop.customers.get("/api/v1/customers/bad$id")),
				invalid("customer-service: a limit of zero", "limit",
						() -> shop.customers.get("/api/v1/customers?limit=0")),
				invalid("customer-service: a repeated scalar query parameter", "limit",
						() -> shop.customers.get("/api/v1/customers?limit=1&limit=2")),
				invalid("product-service: a negative price", "price", () -> shop.products.post("/api/v1/products", """
						{"name": "Negative", "description": "d", "price": -1, "category": "Test", "brand": "Acme",
						 "stock": 5}""")),
				invalid("order-service: a quantity of zero", "quantity",
						() -> shop.placeOrder(shop.newCustomer(), shop.newProduct(5, 100), 0, null)),
				invalid("order-service: a quantity of the wrong type", "quantity",
						() -> shop.orders.post("/api/v1/orders",
								"{\"customerId\": \"%s\", \"productId\": \"%s\", \"quantity\": \"two\"}"
									.formatted(shop.newCustomer(), shop.newProduct(5, 100)))),
				invalid("order-service: a missing customer id", "customerId",
						() -> shop.orders.post("/api/v1/orders",
								"{\"productId\": \"%s\", \"quantity\": 1}".formatted(shop.newProduct(5, 100)))),
				invalid("payment-service: a missing amount", "amount",
						() -> internal.payments.post("/api/v1/payments/process",
								"{\"orderId\": \"%s\"}".formatted(newOrderId()))),
				invalid("payment-service: a negative amount", "amount",
						() -> internal.payments.post("/api/v1/payments/process",
								"{\"orderId\": \"%s\", \"amount\": -5}".formatted(newOrderId()))),
				invalid("transaction-worker: an unknown status filter", "status",
						() -> shop.transactions.get("/api/v1/transactions?status=bogus")),
				invalid("transaction-worker: a limit above 100", "limit",
						() -> shop.transactions.get("/api/v1/transactions?limit=1000")),
				invalid("transaction-worker: a bad path id", "transactionId",
						() -> shop.transactions.get("/api/v1/transactions/bad$id")));
	}

	@ParameterizedTest(name = "{0}: 400 naming {1}")
	@MethodSource("invalidRequests")
	void anInvalidRequestIs400NamingTheField(String request, String field, Supplier<Response> send) {
		assertValidation(send.get(), field);
	}

	@Test
	void malformedJsonIs400() {
		Response response = shop.customers.post("/api/v1/customers", "{\"firstName\": ");

		assertEnvelope(response, 400, "VALIDATION_ERROR");
		assertThat(response.json().at("/details/errors")).as(response.body()).isNotEmpty();
	}

	// ---------------------------------------------------------------- 404, 405, 409, 422

	static Stream<Arguments> refusedRequests() {
		return Stream.of(
				refused("customer-service: an unknown customer", 404, "NOT_FOUND",
						() -> shop.customers.get("/api/v1/customers/cust_" + shortUnique())),
				refused("customer-service: a duplicate email", 409, "CONFLICT", () -> registerTwice((email) -> email)),
				refused("customer-service: a duplicate email in other case", 409, "CONFLICT",
						() -> registerTwice(String::toUpperCase)),
				refused("customer-service: an unsupported method", 405, "METHOD_NOT_ALLOWED",
						() -> patch(shop.customers, "/api/v1/customers/" + shop.newCustomer())),
				refused("product-service: an unknown product", 404, "NOT_FOUND",
						() -> shop.products.get("/api/v1/products/prod_" + shortUnique())),
				refused("product-service: releasing a committed reservation", 409, "INVALID_STATE",
						ErrorClassesTests::releaseACommittedReservation),
				refused("product-service: releasing without a reservation", 404, "NOT_FOUND",
						() -> release(shop.newProduct(2, 100), 1, newOrderId())),
				refused("order-service: an unknown customer", 404, "NOT_FOUND",
						() -> shop.placeOrder("cust_" + shortUnique(), shop.newProduct(5, 100), 1, null)),
				refused("order-service: an unknown product", 404, "NOT_FOUND",
						() -> shop.placeOrder(shop.newCustomer(), "prod_" + shortUnique(), 1, null)),
				refused("order-service: an unknown order", 404, "NOT_FOUND",
						() -> shop.orders.get("/api/v1/orders/ord_" + shortUnique())),
				refused("order-service: a quantity above the stock", 409, "INSUFFICIENT_STOCK",
						() -> shop.placeOrder(shop.newCustomer(), shop.newProduct(2, 100), 3, null)),
				refused("order-service: the same idempotency key with another body", 422, "IDEMPOTENCY_KEY_REUSED",
						() -> placeTwiceWithOneKey(2).second()),
				refused("payment-service: an unknown payment", 404, "NOT_FOUND",
						() -> shop.payments.get("/api/v1/payments/pay_" + shortUnique())),
				refused("payment-service: the same idempotency key with another body", 422, "IDEMPOTENCY_KEY_REUSED",
						ErrorClassesTests::payTwiceWithOneKeyAndAnotherAmount),
				refused("transaction-worker: an unknown transaction", 404, "NOT_FOUND",
						() -> shop.transactions.get("/api/v1/transactions/txn_" + shortUnique())));
	}

	@ParameterizedTest(name = "{0}: {1} {2}")
	@MethodSource("refusedRequests")
	void aRefusedRequestAnswersItsStatusAndCode(String request, int status, String code, Supplier<Response> send) {
		assertEnvelope(send.get(), status, code);
	}

	@Test
	void reservingMoreThanTheStockIs409InsufficientStockWithTheAvailableStock() {
		String productId = shop.newProduct(2, 100);

		Response response = reserve(productId, 3, newOrderId());

		assertEnvelope(response, 409, "INSUFFICIENT_STOCK");
		assertThat(response.json().at("/details/availableStock").asInt()).as(response.body()).isEqualTo(2);
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
		Answers answers = placeTwiceWithOneKey(1);

		Response replay = answers.second();
		assertThat(replay.status()).as(replay.body()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json().at("/data/orderId").asString())
			.isEqualTo(answers.first().json().at("/data/orderId").asString());
	}

	@Test
	void theTestDeclinedMethodIs402WithTheFailedPaymentAsDetails() {
		String orderId = newOrderId();

		Response response = internal.payments.post("/api/v1/payments/process",
				"{\"orderId\": \"%s\", \"amount\": 500, \"paymentMethod\": \"test_declined\"}".formatted(orderId));

		assertEnvelope(response, 402, "PAYMENT_DECLINED");
		JsonNode payment = response.json().get("details");
		assertThat(payment.get("paymentId").asString()).startsWith("pay_");
		assertThat(payment.get("orderId").asString()).isEqualTo(orderId);
		assertThat(payment.get("amount").asLong()).isEqualTo(500);
		assertThat(payment.get("paymentMethod").asString()).isEqualTo("test_declined");
		assertThat(payment.get("status").asString()).isEqualTo("failed");
	}

	// ---------------------------------------------------------------- every service

	static Stream<Arguments> services() {
		return Stream.of(Arguments.of("customer-service", shop.customers, "/api/v1/customers/cust_001"),
				Arguments.of("product-service", shop.products, "/api/v1/products/prod_001"),
				Arguments.of("order-service", shop.orders, "/api/v1/orders/ord_" + shortUnique()),
				Arguments.of("payment-service", shop.payments, "/api/v1/payments/pay_" + shortUnique()),
				Arguments.of("transaction-worker", shop.transactions, "/api/v1/transactions/txn_" + shortUnique()));
	}

	/** Where each service that takes a request body takes it (transaction-worker takes none). */
	static Stream<Arguments> bodies() {
		return Stream.of(Arguments.of("customer-service", shop.customers, "/api/v1/customers"),
				Arguments.of("product-service", shop.products, "/api/v1/products"),
				Arguments.of("order-service", shop.orders, "/api/v1/orders"),
				Arguments.of("payment-service", internal.payments, "/api/v1/payments/process"));
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
			assertEnvelope(patch(api, resource), 405, "METHOD_NOT_ALLOWED");
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

		@ParameterizedTest(name = "{0}")
		@MethodSource("com.ecommerce.system.ErrorClassesTests#bodies")
		void aPlainTextBodyIs415(String service, ApiClient api, String path) {
			Response response = api
				.send(api.request(path).header("Content-Type", "text/plain").POST(BodyPublishers.ofString("hello")));

			assertEnvelope(response, 415, "UNSUPPORTED_MEDIA_TYPE");
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("com.ecommerce.system.ErrorClassesTests#bodies")
		void aBodyOverOneMebibyteIs413(String service, ApiClient api, String path) {
			assertEnvelope(api.post(path, OVERSIZED_BODY), 413, "PAYLOAD_TOO_LARGE");
		}

	}

	// ---------------------------------------------------------------- table rows

	/** A request answered 400 {@code VALIDATION_ERROR} naming {@code field}. */
	static Arguments invalid(String request, String field, Supplier<Response> send) {
		return Arguments.of(request, field, send);
	}

	/** A request answered with this status and code. */
	static Arguments refused(String request, int status, String code, Supplier<Response> send) {
		return Arguments.of(request, status, code, send);
	}

	// ---------------------------------------------------------------- requests

	static String customerBody(String email, boolean withCity) {
		return """
				{"firstName": "Erin", "lastName": "Error", "email": "%s", "phone": "+1234567890",
				 "address": {"street": "1 Test St", %s"state": "IL", "zipCode": "62701", "country": "USA"}}"""
			.formatted(email, withCity ? "\"city\": \"Springfield\", " : "");
	}

	/** Registers a customer with a new email, then another with {@code again} of that email; the second answer. */
	static Response registerTwice(UnaryOperator<String> again) {
		String email = uniqueEmail();
		assertThat(shop.customers.post("/api/v1/customers", customerBody(email, true)).status()).isEqualTo(201);
		return shop.customers.post("/api/v1/customers", customerBody(again.apply(email), true));
	}

	static Response patch(ApiClient api, String path) {
		return api.send(api.request(path)
			.method("PATCH", BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json"));
	}

	static Response reserve(String productId, int quantity, String orderId) {
		return internal.products.post("/api/v1/products/" + productId + "/reserve",
				"{\"quantity\": %d, \"orderId\": \"%s\"}".formatted(quantity, orderId));
	}

	static Response release(String productId, int quantity, String orderId) {
		return internal.products.post("/api/v1/products/" + productId + "/release",
				"{\"quantity\": %d, \"orderId\": \"%s\"}".formatted(quantity, orderId));
	}

	static Response releaseACommittedReservation() {
		String productId = shop.newProduct(2, 100);
		String orderId = newOrderId();
		assertThat(reserve(productId, 1, orderId).status()).isEqualTo(200);
		assertThat(internal.products
			.post("/api/v1/products/" + productId + "/commit", "{\"orderId\": \"%s\"}".formatted(orderId))
			.status()).isEqualTo(200);
		return release(productId, 1, orderId);
	}

	/** A first and a second answer to the same request. */
	record Answers(Response first, Response second) {
	}

	/**
	 * An order of 1 placed with a new idempotency key (answered 201), then an order of {@code quantity} with the same
	 * key.
	 */
	static Answers placeTwiceWithOneKey(int quantity) {
		String customerId = shop.newCustomer();
		String productId = shop.newProduct(5, 100);
		String key = "errors-" + UUID.randomUUID();
		Response first = shop.placeOrder(customerId, productId, 1, key);
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		return new Answers(first, shop.placeOrder(customerId, productId, quantity, key));
	}

	/** A payment of 500 with a new idempotency key (charged or declined), then one of 600 with the same key. */
	static Response payTwiceWithOneKeyAndAnotherAmount() {
		String orderId = newOrderId();
		String key = "errors-" + UUID.randomUUID();
		Response first = pay(orderId, 500, key);
		assertThat(first.status()).as(first.body()).isIn(201, 402);
		return pay(orderId, 600, key);
	}

	static Response pay(String orderId, long amount, String key) {
		return internal.payments.post("/api/v1/payments/process",
				"{\"orderId\": \"%s\", \"amount\": %d}".formatted(orderId, amount), "Idempotency-Key", key);
	}

	/**
	 * An order that completed. The gateway declines some payments at random (PAYMENT_FAILURE_RATE), so a few tries may
	 * be needed.
	 */
	static String completedOrder() {
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

	// ---------------------------------------------------------------- assertions and ids

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
