package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient.Response;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product deleted by staff while one of its orders is being charged: the sale goes through. The customer's unit was
 * reserved before the delete, the charge completes, and the reservation of the deleted product is still committed —
 * nothing is left held, and the order is never both paid and failed. New orders for the product are refused.
 */
class ProductDeletedDuringChargeTests {

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void anOrderChargedWhileItsProductIsDeletedCompletesAndCommitsItsUnit() {
		String customer = this.shop.newCustomer();
		String productId = this.shop.newProduct(5, 4200);
		// Long enough to delete the product meanwhile, and inside the charge's deadline (half the recovery time-out).
		String latency = "1500";

		StackControl.restartedWith("payment-service", "PAYMENT_LATENCY_MS", latency, () -> {
			Eventually.serving(this.shop); // order-service's circuit to payment-service may be open from the restart
			CompletableFuture<Response> placing = CompletableFuture
				.supplyAsync(() -> this.shop.placeOrder(customer, productId, 1, null));
			String orderId = Eventually.within(Duration.ofSeconds(30), () -> processingOrderOf(customer));
			Response deleted = this.shop.products.delete("/api/v1/products/" + productId);
			assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);

			// 201 completed; or 202 processing when the charge outlasted order-service's wait, completed by recovery.
			Response placed = placing.join();
			assertThat(placed.status()).as(placed.body()).isIn(201, 202);
			assertThat(placed.json().at("/data/orderId").asString()).isEqualTo(orderId);
			Eventually.within(StackControl.recoveryTimeout().plusSeconds(30),
					() -> this.shop.order(orderId).get("orderStatus").asString().equals("completed") ? true : null);
			Eventually.within(Duration.ofSeconds(30), () -> this.shop.eventsOf(orderId).contains("committed") ? true : null);
			assertThat(this.shop.eventsOf(orderId)).doesNotContain("released", "follow_up_failed");
			List<JsonNode> payments = this.shop.paymentsOf(orderId);
			assertThat(payments).singleElement()
				.satisfies((payment) -> assertThat(payment.get("status").asString()).isEqualTo("completed"));
			String transactionId = payments.get(0).get("transactionId").asString();
			Eventually.within(Duration.ofSeconds(30), () -> this.shop.historyOf(orderId).isEmpty() ? null : true);
			assertThat(this.shop.historyOf(orderId)).singleElement()
				.satisfies((record) -> assertThat(record.get("transactionId").asString()).isEqualTo(transactionId));
		});

		assertError(this.shop.placeOrder(customer, productId, 1, null), 404, "NOT_FOUND");
		assertThat(this.shop.deadLetters()).isEmpty();
	}

	/** The id of the customer's order once it is processing (stock reserved, the charge sent); null before. */
	private String processingOrderOf(String customer) {
		JsonNode orders = this.shop.orders.get("/api/v1/orders?customerId=" + customer).json().get("data");
		for (JsonNode order : orders) {
			if (order.get("orderStatus").asString().equals("processing")) {
				return order.get("orderId").asString();
			}
		}
		return null;
	}

}
