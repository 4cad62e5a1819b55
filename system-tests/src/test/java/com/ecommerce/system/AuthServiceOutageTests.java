package com.ecommerce.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service down: the services check tokens against the keys they already hold, so tokens issued before keep
 * working until they expire; order-service, once its own token has run out and it can't get another, answers 503 with
 * nothing reserved; once auth-service is back, orders complete again without anyone's help.
 */
class AuthServiceOutageTests {

	/**
	 * order-service renews its token a minute before it expires, and starts no order with a token that has less than
	 * the charge time-out (30 s) left: a 75 s token is due for renewal after 15 s, and refused for new orders after 45 s.
	 */
	private static final String SHORT_TOKEN_LIFETIME = "75s";

	/** Enough for every order that completes while order-service's token is still fresh. */
	private static final int STOCK = 200;

	private final Shop staff = Shop.fromEnvironment();

	@Test
	void tokensHeldKeepWorkingThenOrdersAnswer503WithNothingReservedThenRecoverOnTheirOwn() {
		Eventually.serving(this.staff);
		String customerId = this.staff.newCustomer();
		String productId = this.staff.newProduct(STOCK, 100);
		// The shop's token, fetched while auth-service is up (10 minutes): it outlives the whole test.
		String storefrontToken = StackTokens.fromEnvironment().token("storefront");
		ApiClient orders = new ApiClient(StackUrls.fromEnvironment().orders()).withToken(storefrontToken);
		ApiClient customers = new ApiClient(StackUrls.fromEnvironment().customers()).withToken(storefrontToken);

		StackControl.restartedWith("auth-service", "AUTH_TOKEN_TTL", SHORT_TOKEN_LIFETIME, () -> {
			// order-service starts afresh, so that its own token is one of the short ones, fetched with this order.
			StackControl.restart("order-service");
			assertThat(place(orders, customerId, productId).status()).isEqualTo(201);

			StackControl.stopped("auth-service").during(() -> {
				// Tokens already issued: checked against the keys each service holds, no call to auth-service.
				assertThat(customers.get("/api/v1/customers/" + customerId).status()).isEqualTo(200);

				// order-service's token runs out and can't be renewed: 503, and the stock is as it was (the orders
				// before it, started while the token had time left, ran to their end).
				Response refused = Eventually.within(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
					Response answer = place(orders, customerId, productId);
					assertThat(answer.status()).as(answer.body()).isIn(201, 503);
					return answer.status() == 503 ? answer : null;
				});
				assertThat(refused.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(refused.header("Retry-After")).isNotNull();
				JsonNode product = this.staff.product(productId);
				assertThat(product.get("reservedStock").asInt()).isZero();
				assertThat(product.get("stock").asInt()).isEqualTo(STOCK - completedOrders(customerId));
			});

			// Back: the next orders complete, nothing restarted by hand.
			Response placed = Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
				Response answer = place(orders, customerId, productId);
				return answer.status() == 201 ? answer : null;
			});
			assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		});
		Eventually.serving(this.staff);
	}

	private static Response place(ApiClient orders, String customerId, String productId) {
		return orders.post("/api/v1/orders", Shop.orderJson(customerId, productId, 1));
	}

	private int completedOrders(String customerId) {
		JsonNode page = this.staff.orders.get("/api/v1/orders/customer/" + customerId + "?limit=100").json().get("data");
		int completed = 0;
		for (JsonNode order : page) {
			if (order.get("orderStatus").asString().equals("completed")) {
				completed++;
			}
		}
		return completed;
	}

}
