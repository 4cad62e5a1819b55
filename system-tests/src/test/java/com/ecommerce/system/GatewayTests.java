package com.ecommerce.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api-gateway as clients outside the system meet it: one address for every service and for tokens, the API's
 * envelope for what it answers itself, and each client held to its own rate.
 */
class GatewayTests {

	private final Shop shop = Shop.throughGateway();

	private final ApiClient gateway = new ApiClient(StackUrls.gateway());

	@Test
	void theSeedFlowRunsThroughTheGatewayWithATokenItRouted() {
		Eventually.serving(this.shop);
		String customerId = this.shop.as("storefront").newCustomer();
		String productId = this.shop.newProduct(3, 4200);

		Response placed = this.shop.as("storefront").placeOrder(customerId, productId, 1, null);

		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.header("X-Request-Id")).isNotBlank();
		String orderId = placed.json().at("/data/orderId").asString();
		assertThat(this.shop.as("storefront").order(orderId).get("orderId").asString()).isEqualTo(orderId);
	}

	@Test
	void whatNoServiceServesIsANotFoundInTheEnvelope() {
		for (String path : List.of("/api/v1/nothing", "/actuator/health", "/oauth2/jwks")) {
			Response answer = this.gateway.get(path, "X-Request-Id", "gateway-test-1");
			assertThat(answer.status()).as(path).isEqualTo(404);
			assertThat(answer.json().get("success").asBoolean()).isFalse();
			assertThat(answer.json().get("code").asString()).isEqualTo("NOT_FOUND");
			assertThat(answer.json().get("requestId").asString()).isEqualTo("gateway-test-1");
		}
	}

	@Test
	void aClientOverItsRateIsToldToComeBackLaterWhileAnotherClientIsServed() {
		StackControl.restartedWith("api-gateway",
				Map.of("GATEWAY_RATE_LIMIT_REPLENISH_RATE", "1", "GATEWAY_RATE_LIMIT_BURST_CAPACITY", "5"), () -> {
					Shop storefront = Shop.throughGateway().as("storefront");
					List<Response> answers = new ArrayList<>();
					for (int i = 0; i < 15; i++) {
						answers.add(storefront.products.get("/api/v1/products?limit=1"));
					}
					List<Response> limited = answers.stream().filter((answer) -> answer.status() == 429).toList();
					assertThat(limited).isNotEmpty().allSatisfy((answer) -> {
						assertThat(answer.json().get("code").asString()).isEqualTo("RATE_LIMITED");
						assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
						assertThat(answer.json().get("requestId").asString()).isNotBlank();
					});
					assertThat(answers.getFirst().status()).isEqualTo(200);

					Response staff = Shop.throughGateway().as("backoffice").products.get("/api/v1/products?limit=1");
					assertThat(staff.status()).as("another client's own rate").isEqualTo(200);
				});
	}

}
