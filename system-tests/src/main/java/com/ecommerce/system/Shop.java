package com.ecommerce.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The running system as its users meet it: one {@link ApiClient} per service and the few calls that tests and the
 * benchmark make again and again. Every customer and product made here is new, so runs never share state.
 */
public final class Shop {

	public final ApiClient customers;

	public final ApiClient products;

	public final ApiClient orders;

	public final ApiClient payments;

	public final ApiClient transactions;

	private final StackUrls urls;

	private final StackTokens tokens;

	/** The shop as staff see it: a {@code backoffice} token on every call (catalog writes, listings, refunds). */
	public Shop(StackUrls urls, StackTokens tokens) {
		this(urls, tokens, "backoffice");
	}

	private Shop(StackUrls urls, StackTokens tokens, String client) {
		this(urls, tokens, tokens.of(client));
	}

	/** {@code token} null: calls without a token. */
	private Shop(StackUrls urls, StackTokens tokens, Supplier<String> token) {
		this.urls = urls;
		this.tokens = tokens;
		this.customers = client(urls.customers(), token);
		this.products = client(urls.products(), token);
		this.orders = client(urls.orders(), token);
		this.payments = client(urls.payments(), token);
		this.transactions = client(urls.transactions(), token);
	}

	private static ApiClient client(String url, Supplier<String> token) {
		ApiClient client = new ApiClient(url);
		return (token != null) ? client.withToken(token) : client;
	}

	public static Shop fromEnvironment() {
		return new Shop(StackUrls.fromEnvironment(), StackTokens.fromEnvironment());
	}

	/** The shop as clients outside the system meet it: every call, the token requests too, through the api-gateway. */
	public static Shop throughGateway() {
		return new Shop(StackUrls.throughGateway(), StackTokens.fromEnvironment().via(StackUrls.gateway()));
	}

	/** Instance {@code number} (1, 2, …) of every service, called directly, with the same tokens. */
	public static Shop instance(int number) {
		return new Shop(StackUrls.instance(number), StackTokens.fromEnvironment());
	}

	/** The same shop called with {@code client}'s token ({@code storefront}, {@code backoffice}, {@code order-service}). */
	public Shop as(String client) {
		return new Shop(this.urls, this.tokens, client);
	}

	/** The same shop called without any token, as an outsider would. */
	public Shop anonymous() {
		return new Shop(this.urls, this.tokens, (Supplier<String>) null);
	}

	/** A new customer with a unique email; its id. */
	public String newCustomer() {
		String unique = UUID.randomUUID().toString();
		Response response = customers.post("/api/v1/customers", """
				{"firstName": "Sam", "lastName": "Tester", "email": "sam.%s@example.com", "phone": "+1234567890",
				 "address": {"street": "1 Test St", "city": "Springfield", "state": "IL", "zipCode": "62701",
				             "country": "USA"}}""".formatted(unique));
		return created(response).get("customerId").asString();
	}

	/** {@code count} new customers, made by 16 clients at once; their ids. */
	public List<String> newCustomers(int count) {
		return Batch.make(count, 16, (i) -> newCustomer(), new AtomicInteger());
	}

	/** A new product with this stock and price (cents); its id. */
	public String newProduct(int stock, long price) {
		Response response = products.post("/api/v1/products", """
				{"name": "Test item %s", "description": "made by system-tests", "price": %d, "category": "Test",
				 "brand": "Acme", "stock": %d}""".formatted(UUID.randomUUID(), price, stock));
		return created(response).get("productId").asString();
	}

	/** {@code POST /api/v1/orders}; {@code idempotencyKey} may be null. */
	public Response placeOrder(String customerId, String productId, int quantity, String idempotencyKey) {
		String body = orderJson(customerId, productId, quantity);
		return idempotencyKey == null ? orders.post("/api/v1/orders", body)
				: orders.post("/api/v1/orders", body, "Idempotency-Key", idempotencyKey);
	}

	/** The body of {@code POST /api/v1/orders}. */
	public static String orderJson(String customerId, String productId, int quantity) {
		return """
				{"customerId": "%s", "productId": "%s", "quantity": %d}""".formatted(customerId, productId, quantity);
	}

	public JsonNode order(String orderId) {
		return ok(orders.get("/api/v1/orders/" + orderId));
	}

	public JsonNode product(String productId) {
		return ok(products.get("/api/v1/products/" + productId));
	}

	/** Every payment made for the order, newest first. */
	public List<JsonNode> paymentsOf(String orderId) {
		return list(ok(payments.get("/api/v1/payments/order/" + orderId)));
	}

	/** The events of the order's timeline, oldest first ({@code created}, {@code reserved}, …). */
	public List<String> eventsOf(String orderId) {
		return list(ok(orders.get("/api/v1/orders/" + orderId + "/timeline"))).stream()
			.map((entry) -> entry.get("event").asString())
			.toList();
	}

	/** The messages the worker could not store, oldest first (up to 1000). */
	public List<JsonNode> deadLetters() {
		return list(ok(transactions.get("/api/v1/transactions/dead-letters?limit=1000")));
	}

	/** The transaction history the worker stored for the order. */
	public List<JsonNode> historyOf(String orderId) {
		return list(ok(transactions.get("/api/v1/transactions?limit=100&orderId=" + orderId)));
	}

	private static JsonNode created(Response response) {
		if (response.status() != 201) {
			throw new IllegalStateException("expected 201, got " + response.status() + ": " + response.body());
		}
		return response.json().get("data");
	}

	private static JsonNode ok(Response response) {
		if (response.status() != 200) {
			throw new IllegalStateException("expected 200, got " + response.status() + ": " + response.body());
		}
		return response.json().get("data");
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

}
