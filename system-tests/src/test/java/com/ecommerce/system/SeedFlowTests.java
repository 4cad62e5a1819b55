package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's "test the complete flow", as its curl commands run it, through to the worker's history. */
class SeedFlowTests {

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void customerProductOrderPaymentAndHistory() {
		// The seed's bodies; only the email is made unique, so that the flow can run again on the same stack.
		Response customer = this.shop.customers.post("/api/v1/customers", """
				{"firstName": "John", "lastName": "Doe", "email": "john.doe.%s@example.com", "phone": "+1234567890",
				 "address": {"street": "123 Main St", "city": "New York", "state": "NY", "zipCode": "10001",
				             "country": "USA"}}""".formatted(UUID.randomUUID()));
		assertThat(customer.status()).as(customer.body()).isEqualTo(201);
		assertThat(customer.header("Location")).isNotBlank();
		String customerId = customer.json().at("/data/customerId").asString();
		assertThat(customerId).matches("[0-9a-f]{24}");

		Response product = this.shop.products.post("/api/v1/products", """
				{"name": "MacBook Pro 14-inch", "description": "Apple MacBook Pro with M2 chip", "price": 199900,
				 "category": "Electronics", "brand": "Apple", "stock": 50}""");
		assertThat(product.status()).as(product.body()).isEqualTo(201);
		String productId = product.json().at("/data/productId").asString();
		assertThat(productId).startsWith("prod_");

		Response order = this.shop.orders.post("/api/v1/orders", """
				{"customerId": "%s", "productId": "%s", "quantity": 1}""".formatted(customerId, productId));
		assertThat(order.status()).as(order.body()).isEqualTo(201);
		JsonNode placed = order.json().get("data");
		String orderId = placed.get("orderId").asString();
		assertThat(orderId).startsWith("ord_");
		assertThat(placed.get("orderStatus").asString()).isEqualTo("completed");
		assertThat(placed.get("amount").asLong()).isEqualTo(199900);

		JsonNode fetched = this.shop.order(orderId);
		assertThat(fetched.get("orderStatus").asString()).isEqualTo("completed");
		assertThat(fetched.get("paymentId").asString()).isEqualTo(placed.get("paymentId").asString());

		List<JsonNode> payments = this.shop.paymentsOf(orderId);
		assertThat(payments).hasSize(1);
		assertThat(payments.get(0).get("status").asString()).isEqualTo("completed");
		assertThat(payments.get(0).get("amount").asLong()).isEqualTo(199900);
		assertThat(payments.get(0).get("transactionId").asString()).isEqualTo(placed.get("transactionId").asString());

		assertThat(this.shop.product(productId).get("stock").asInt()).isEqualTo(49);

		// The event crosses RabbitMQ to the worker: the history shows it once it has been stored.
		JsonNode record = Eventually.within(Duration.ofSeconds(30), () -> this.shop.historyOf(orderId)
			.stream()
			.filter((r) -> r.get("transactionId").asString().equals(placed.get("transactionId").asString()))
			.findFirst()
			.orElse(null));
		assertThat(record.get("status").asString()).isEqualTo("completed");
		assertThat(record.get("type").asString()).isEqualTo("charge");
		assertThat(record.get("amount").asLong()).isEqualTo(199900);
		assertThat(record.get("customerId").asString()).isEqualTo(customerId);

		Response timeline = this.shop.orders.get("/api/v1/orders/" + orderId + "/timeline");
		assertThat(timeline.status()).isEqualTo(200);
		assertThat(timeline.json().get("data").findValuesAsString("event")).containsExactly("created", "reserved",
				"payment_requested", "payment_completed", "completed", "committed");
	}

}
