package com.ecommerce.order;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.TestAuthority;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service down while order-service holds no valid token of its own: its calls are never sent, the order answers
 * 503 with nothing reserved or charged, no circuit opens against the services it would have called, and orders
 * complete again as soon as auth-service answers.
 */
class AuthServiceOutageTests extends AgainstRealServices {

	@Autowired
	OAuth2AuthorizedClientService tokens;

	@AfterEach
	void authServiceBack() {
		TestAuthority.get().setAvailable(true);
	}

	@Test
	void withoutATokenAnOrderIs503WithNothingTakenAndWorksAgainOnceAuthServiceIsBack() {
		String customer = this.services.newCustomer();
		String product = this.services.newProduct(100, 5);
		String body = OrderRequests.order(customer, product, 1);
		// The token order-service holds from earlier orders is dropped, as if it had run out.
		this.tokens.removeAuthorizedClient("order-service", "order-service");
		TestAuthority.get().setAvailable(false);

		ApiClient.Response refused = this.api.post("/api/v1/orders", body);

		assertError(refused, 503, "SERVICE_UNAVAILABLE");
		assertThat(refused.header("Retry-After")).isNotNull();
		JsonNode failed = this.api.get("/api/v1/orders?customerId=" + customer).json().at("/data/0");
		assertThat(failed.get("orderStatus").asString()).isEqualTo("failed");
		assertThat(failed.get("failureReason").asString()).isEqualTo("service_unavailable");
		assertThat(this.services.paymentsOf(failed.get("orderId").asString())).isEmpty();
		assertThat(this.services.stock(product)).isEqualTo(5);
		assertThat(this.services.reservedStock(product)).isZero();

		TestAuthority.get().setAvailable(true);
		ApiClient.Response placed = this.api.post("/api/v1/orders", body);
		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");
		assertThat(this.services.stock(product)).isEqualTo(4);
	}

	/** Orders arriving together while order-service holds no token wait for one fetch instead of each making one. */
	@Test
	void manyOrdersAtOnceWithoutATokenFetchOneToken() {
		String product = this.services.newProduct(100, 50);
		List<String> customers = IntStream.range(0, 16).mapToObj((i) -> this.services.newCustomer()).toList();
		this.tokens.removeAuthorizedClient("order-service", "order-service");
		int before = TestAuthority.get().tokensIssued();

		List<ApiClient.Response> answers = Concurrently.run(16,
				(i) -> () -> this.api.post("/api/v1/orders", OrderRequests.order(customers.get(i), product, 1)));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
		assertThat(TestAuthority.get().tokensIssued() - before).isEqualTo(1);
	}

}
