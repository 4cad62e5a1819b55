package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.ecommerce.infrastructure.ApiClient.Response;
import com.ecommerce.infrastructure.Concurrently;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Many buyers, little stock: 300 customers order the same product, of which there are 50, all at once. */
class ContentionTests {

	private final Shop shop = Shop.fromEnvironment();

	private final Invariants invariants = new Invariants(this.shop);

	@Test
	void threeHundredBuyersFiftyInStock() {
		Eventually.serving(this.shop);
		List<String> customers = this.shop.newCustomers(300);
		String productId = this.shop.newProduct(50, 2500);

		List<Response> answers = Concurrently.run(300,
				(i) -> () -> this.shop.placeOrder(customers.get(i), productId, 1, null));

		int completed = 0;
		int declined = 0;
		int outOfStock = 0;
		for (Response answer : answers) {
			if (answer.status() == 201) {
				String status = answer.json().at("/data/orderStatus").asString();
				String reason = answer.json().at("/data/failureReason").asString(null);
				assertThat(status).as(answer.body()).isIn("completed", "failed");
				if (status.equals("completed")) {
					completed++;
				}
				else {
					assertThat(reason).as(answer.body()).isEqualTo("payment_declined");
					declined++;
				}
			}
			else {
				assertThat(answer.status()).as(answer.body()).isEqualTo(409);
				assertThat(answer.json().get("code").asString()).isEqualTo("INSUFFICIENT_STOCK");
				outOfStock++;
			}
		}
		// Every unit is sold unless a decline gave it back too late for another buyer to take it.
		assertThat(completed).isBetween(50 - declined, 50);
		assertThat(completed + declined + outOfStock).isEqualTo(300);

		Invariants.Report report = this.invariants.await(customers, Map.of(productId, 50), Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isEqualTo(completed);
		assertThat(this.shop.product(productId).get("stock").asInt()).isEqualTo(50 - completed);
	}

}
