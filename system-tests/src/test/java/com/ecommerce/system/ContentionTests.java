package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
				// Keyed, as a shop's client would send them: a connection cut before any answer in this burst of new
				// connections is then tried once more (ApiClient), and the key makes that repeat the same order.
				(i) -> () -> this.shop.placeOrder(customers.get(i), productId, 1, "contention-" + UUID.randomUUID()));

		int completed = 0;
		int declined = 0;
		int outOfStock = 0;
		int shed = 0;
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
			else if (answer.status() == 503) {
				// 300 orders at once are more than two cores serve within a call's time-out: product-service's
				// circuit opens and sheds the rest with 503 and Retry-After, the order failed with nothing taken.
				assertThat(answer.json().get("code").asString()).as(answer.body()).isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(answer.header("Retry-After")).as(answer.body()).isNotNull();
				shed++;
			}
			else {
				assertThat(answer.status()).as(answer.body()).isEqualTo(409);
				assertThat(answer.json().get("code").asString()).as(answer.body()).isEqualTo("INSUFFICIENT_STOCK");
				outOfStock++;
			}
		}
		System.out.printf("completed %d, declined %d, out of stock %d, shed %d%n", completed, declined, outOfStock, shed);
		// Never more sold than there is; every unit sold unless a decline gave it back too late for another buyer,
		// or buyers were shed before they reached the stock.
		assertThat(completed).isLessThanOrEqualTo(50);
		if (shed == 0) {
			assertThat(completed).isGreaterThanOrEqualTo(50 - declined);
		}
		assertThat(completed + declined + outOfStock + shed).isEqualTo(300);

		Invariants.Report report = this.invariants.await(customers, Map.of(productId, 50), Duration.ofSeconds(60));
		assertThat(report.violations()).isEmpty();
		assertThat(report.count("completed")).isEqualTo(completed);
		assertThat(this.shop.product(productId).get("stock").asInt()).isEqualTo(50 - completed);
	}

}
