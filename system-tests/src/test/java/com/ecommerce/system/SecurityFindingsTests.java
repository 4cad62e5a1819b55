package com.ecommerce.system;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outsider could do to the stack before it had authentication and bounds, each tried again: every one must
 * now be refused, and leave nothing behind.
 */
class SecurityFindingsTests {

	private final Shop staff = Shop.fromEnvironment();

	private final Shop shop = this.staff.as("storefront");

	private final Shop anonymous = this.staff.anonymous();

	@Test
	void anonymousCallersCannotCreateOrRefundPayments() {
		String orderId = "ord_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		Response created = this.anonymous.payments.post("/api/v1/payments/process",
				"{\"orderId\": \"%s\", \"amount\": 1000}".formatted(orderId));
		assertThat(created.status()).isEqualTo(401);
		assertThat(this.anonymous.payments.post("/api/v1/payments/pay_0123456789abcdef01234567/refund", "{}").status())
			.isEqualTo(401);
		assertThat(this.staff.paymentsOf(orderId)).isEmpty();
	}

	@Test
	void theShopCannotRefundChangePricesReserveOrRedrive() {
		String productId = this.staff.newProduct(5, 1000);
		assertThat(this.shop.products.put("/api/v1/products/" + productId, "{\"price\": 0}").status()).isEqualTo(403);
		assertThat(this.staff.product(productId).get("price").asLong()).isEqualTo(1000);
		assertThat(this.shop.products.post("/api/v1/products/" + productId + "/reserve",
				"{\"orderId\": \"ord_made_up\", \"quantity\": 5}").status()).isEqualTo(403);
		assertThat(this.staff.product(productId).get("reservedStock").asInt()).isZero();
		assertThat(this.shop.transactions.post("/api/v1/transactions/dead-letters/redrive", "{}").status())
			.isEqualTo(403);
		assertThat(this.shop.payments.get("/api/v1/payments").status()).isEqualTo(403);
		assertThat(this.shop.customers.get("/api/v1/customers").status()).isEqualTo(403);
	}

	@Test
	void onlyStaffRefundAndOnlyThroughTheOrderWhichThenNeverReadsCompleted() {
		String customerId = this.shop.newCustomer();
		String productId = this.staff.newProduct(5, 700);
		Response placed = this.shop.placeOrder(customerId, productId, 1, null);
		assertThat(placed.json().at("/data/orderStatus").asString()).as(placed.body()).isEqualTo("completed");
		String orderId = placed.json().at("/data/orderId").asString();
		String paymentId = placed.json().at("/data/paymentId").asString();

		assertThat(this.shop.orders.post("/api/v1/orders/" + orderId + "/refund", "{}").status()).isEqualTo(403);
		assertThat(this.staff.payments.post("/api/v1/payments/" + paymentId + "/refund", "{}").status())
			.isEqualTo(403);
		assertThat(this.staff.orders.post("/api/v1/orders/ord_0123456789abcdef01234567/refund", "{}").status())
			.isEqualTo(404);

		Response refunded = this.staff.orders.post("/api/v1/orders/" + orderId + "/refund", "{}");
		assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
		assertThat(refunded.json().at("/data/orderStatus").asString()).isEqualTo("refunded");
		assertThat(this.shop.order(orderId).get("orderStatus").asString()).isEqualTo("refunded");
		assertThat(this.shop.paymentsOf(orderId)).singleElement()
			.satisfies((payment) -> assertThat(payment.get("status").asString()).isEqualTo("refunded"));
		assertThat(this.staff.product(productId).get("stock").asInt()).isEqualTo(4); // no restock asked
	}

	@Test
	void aPriceBeyondTheBoundIs400AndNothingIsHeld() {
		Response refused = this.staff.products.post("/api/v1/products", """
				{"name": "Too dear", "price": 9000000000000000000, "category": "Test", "brand": "Acme", "stock": 5}""");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/details/errors").findValuesAsString("field")).contains("price");
	}

	@Test
	void anOperatorInAQueryParameterNameIs400() {
		Response refused = this.staff.payments.get("/api/v1/payments?customerId%5B%24ne%5D=x");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void anAbandonedReservationGivesItsStockBackAfterItsExpiry() {
		String productId = this.staff.newProduct(5, 100);
		// Expiry 2 s, looked for every second, so the test needn't wait 15 minutes.
		StackControl.restartedWith("product-service",
				Map.of("PRODUCT_RESERVATIONS_EXPIRY", "2s", "PRODUCT_RESERVATIONS_SWEEP_INTERVAL", "1s"), () -> {
			Response reserved = this.staff.as("order-service").products.post(
					"/api/v1/products/" + productId + "/reserve", "{\"orderId\": \"ord_abandoned_%s\", \"quantity\": 3}"
						.formatted(UUID.randomUUID().toString().substring(0, 8)));
			assertThat(reserved.status()).isEqualTo(200);
			assertThat(this.staff.product(productId).get("reservedStock").asInt()).isEqualTo(3);
			JsonNode released = Eventually.within(Duration.ofSeconds(30), Duration.ofSeconds(1), () -> {
				JsonNode product = this.staff.product(productId);
				return product.get("reservedStock").asInt() == 0 ? product : null;
			});
			assertThat(released.get("stock").asInt()).isEqualTo(5);
		});
	}

}
