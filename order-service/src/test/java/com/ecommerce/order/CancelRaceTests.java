package com.ecommerce.order;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel racing the order's own flow, a hundred times: exactly one wins, and in every run stock and payments agree
 * with the winner: cancelled means stock back and no charge left standing; completed means stock taken and one
 * charge.
 */
class CancelRaceTests extends OrderServiceTest {

	private static final int RUNS = 100;

	private static final int STOCK = 5;

	private static final int QUANTITY = 2;

	/** Random delays before each call to payment-service spread the cancels over every step of the flow. */
	@RegisterExtension
	static final FaultyProxy payments = new FaultyProxy(Downstreams.get().paymentUrl());

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry, payments);
	}


	@Test
	void exactlyOneOfCancelAndTheFlowWinsAndStockAndPaymentsFollowTheWinner() throws Exception {
		payments.jitter(20);
		int cancelled = 0;
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int run = 0; run < RUNS; run++) {
				String customer = this.services.newCustomer();
				String product = this.services.newProduct(700, STOCK);

				CompletableFuture<ApiClient.Response> placing = CompletableFuture.supplyAsync(
						() -> this.api.post("/api/v1/orders", OrderRequests.order(customer, product, QUANTITY)), threads);
				String orderId = firstOrderOf(customer, placing);
				// Not a wait for anything: a random head start for the flow, so the cancel lands on every step of it.
				LockSupport.parkNanos(Duration.ofMillis(ThreadLocalRandom.current().nextInt(40)).toNanos());
				ApiClient.Response cancel = this.api.post("/api/v1/orders/" + orderId + "/cancel",
						"{\"reason\": \"race\"}");
				ApiClient.Response placed = placing.get();

				JsonNode order = this.api.get("/api/v1/orders/" + orderId).json().get("data");
				String status = order.get("orderStatus").asString();
				List<JsonNode> charges = this.services.paymentsOf(orderId);
				JsonNode stock = this.services.products().get("/api/v1/products/" + product).json().get("data");
				String run_ = "run " + run + ", order " + orderId + ": " + placed.body() + " / " + cancel.body();
				if (cancel.status() == 200) {
					cancelled++;
					assertThat(status).as(run_).isEqualTo("cancelled");
					assertThat(stock.get("stock").asInt()).as(run_).isEqualTo(STOCK);
					assertThat(charges).as(run_)
						.noneSatisfy((charge) -> assertThat(charge.get("status").asString()).isEqualTo("completed"));
				}
				else {
					assertThat(cancel.status()).as(run_).isEqualTo(409);
					assertThat(status).as(run_).isEqualTo("completed");
					assertThat(stock.get("stock").asInt()).as(run_).isEqualTo(STOCK - QUANTITY);
					assertThat(charges).as(run_)
						.filteredOn((charge) -> charge.get("status").asString().equals("completed"))
						.hasSize(1);
				}
				assertThat(stock.get("reservedStock").asInt()).as(run_).isZero();
			}
		}
		// Both sides must have won sometimes, or this test did not race anything.
		assertThat(cancelled).as("cancels that won").isBetween(1, RUNS - 1);
	}

	/** The order's id as soon as it is listed (it is stored as pending before the flow's first call). */
	private String firstOrderOf(String customer, CompletableFuture<ApiClient.Response> placing) {
		while (true) {
			JsonNode listed = this.api.get("/api/v1/orders/customer/" + customer).json().at("/data/0/orderId");
			if (!listed.isMissingNode()) {
				return listed.asString();
			}
			if (placing.isDone()) {
				return placing.join().json().at("/data/orderId").asString();
			}
			Thread.onSpinWait();
		}
	}

}
