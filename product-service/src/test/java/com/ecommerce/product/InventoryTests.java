package com.ecommerce.product;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Money;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** Reservations: atomic, once per order, never below zero stock, whatever the concurrency. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class InventoryTests {

	@Autowired
	ApiClient api;

	@Autowired
	ProductRepository productRepository;

	@Test
	void twoHundredConcurrentReservesOnStockFiftySellExactlyFifty() {
		String id = create(2500, 50);
		String tag = unique("ord");
		List<ApiClient.Response> responses = Concurrently.run(200,
				(i) -> () -> this.api.post(path(id, "reserve"), ProductBodies.reserve(tag + "-" + i, 1)));

		List<ApiClient.Response> reserved = responses.stream().filter((r) -> r.status() == 200).toList();
		List<ApiClient.Response> refused = responses.stream().filter((r) -> r.status() == 409).toList();
		assertThat(reserved).hasSize(50);
		assertThat(refused).hasSize(150);
		assertThat(refused).allSatisfy((r) -> {
			assertError(r, 409, "INSUFFICIENT_STOCK");
			assertThat(r.json().at("/details/availableStock").asInt()).isZero();
		});
		// Each success saw its own stock level: the reservations really happened one after the other.
		assertThat(reserved.stream().map((r) -> r.json().at("/data/remainingStock").asInt()))
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
		assertThat(reserved).allSatisfy((r) -> assertThat(r.json().at("/data/unitPrice").asLong()).isEqualTo(2500));

		JsonNode product = product(id);
		assertThat(product.get("stock").asInt()).isZero();
		assertThat(product.get("reservedStock").asInt()).isEqualTo(50);
		assertThat(movementTypes(id)).filteredOn("RESERVE"::equals).hasSize(50);
	}

	@Test
	void concurrentReservesForOneOrderTakeStockOnceAndConcurrentReleasesGiveItBackOnce() {
		String id = create(1000, 10);
		String order = unique("ord");

		List<ApiClient.Response> reserves = Concurrently.run(20,
				() -> this.api.post(path(id, "reserve"), ProductBodies.reserve(order, 3)));
		assertThat(reserves).allSatisfy((r) -> assertThat(r.status()).as(r.body()).isEqualTo(200));
		assertThat(reserves.stream().map((r) -> r.json().get("data")).distinct()).hasSize(1);
		JsonNode answer = reserves.getFirst().json().get("data");
		assertThat(answer.get("reserved").asBoolean()).isTrue();
		assertThat(answer.get("orderId").asString()).isEqualTo(order);
		assertThat(answer.get("quantity").asInt()).isEqualTo(3);
		assertThat(answer.get("remainingStock").asInt()).isEqualTo(7);
		assertThat(product(id).get("stock").asInt()).isEqualTo(7);

		List<ApiClient.Response> releases = Concurrently.run(20,
				() -> this.api.post(path(id, "release"), ProductBodies.reserve(order, 3)));
		assertThat(releases).allSatisfy((r) -> {
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json().at("/data/released").asBoolean()).isTrue();
			assertThat(r.json().at("/data/quantity").asInt()).isEqualTo(3);
			assertThat(r.json().at("/data/remainingStock").asInt()).isEqualTo(10);
		});
		JsonNode product = product(id);
		assertThat(product.get("stock").asInt()).isEqualTo(10);
		assertThat(product.get("reservedStock").asInt()).isZero();
		assertThat(movementTypes(id)).containsExactly("RELEASE", "RESERVE", "ADJUST");
	}

	@Test
	void releaseGivesBackWhatTheReservationHoldsWhateverTheBodySays() {
		String id = create(1000, 10);
		String order = unique("ord");
		reserve(id, order, 4);
		var released = this.api.post(path(id, "release"), ProductBodies.reserve(order, 1));
		assertThat(released.json().at("/data/quantity").asInt()).isEqualTo(4);
		assertThat(product(id).get("stock").asInt()).isEqualTo(10);
		// The seed's body always carries a quantity, but without one it is the same call.
		var again = this.api.post(path(id, "release"), ProductBodies.commit(order));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("data")).isEqualTo(released.json().get("data"));
	}

	@Test
	void releaseWithoutAReservationIs404() {
		String id = create(1000, 10);
		var response = this.api.post(path(id, "release"), ProductBodies.reserve(unique("ord"), 1));
		assertError(response, 404, "NOT_FOUND");
		assertThat(this.api.post(path(id, "commit"), ProductBodies.commit(unique("ord"))).status()).isEqualTo(404);
		assertThat(product(id).get("stock").asInt()).isEqualTo(10);
	}

	/** A reserve that arrives after its order was released (late, from a slow network) must not hold stock for ever. */
	@Test
	void aReleaseBeforeAnyReserveLeavesATombstoneThatRefusesALateReserve() {
		String id = create(1000, 10);
		String order = unique("ord");

		assertError(this.api.post(path(id, "release"), ProductBodies.reserve(order, 2)), 404, "NOT_FOUND");
		assertError(this.api.post(path(id, "reserve"), ProductBodies.reserve(order, 2)), 409, "INVALID_STATE");

		JsonNode product = product(id);
		assertThat(product.get("stock").asInt()).isEqualTo(10);
		assertThat(product.get("reservedStock").asInt()).isZero();
	}

	@Test
	void aDeletedProductsReservationsCanStillBeReleasedAndCommitted() {
		String id = create(1000, 10);
		String released = unique("ord");
		String committed = unique("ord");
		reserve(id, released, 2);
		reserve(id, committed, 3);
		assertThat(this.api.delete("/api/v1/products/" + id).status()).isEqualTo(204);

		assertThat(this.api.post(path(id, "release"), ProductBodies.reserve(released, 2)).status()).isEqualTo(200);
		assertThat(this.api.post(path(id, "commit"), ProductBodies.commit(committed)).status()).isEqualTo(200);

		assertError(this.api.post(path(id, "reserve"), ProductBodies.reserve(unique("ord"), 1)), 404, "NOT_FOUND");
		Product stored = this.productRepository.findById(id).orElseThrow();
		assertThat(stored.stock()).isEqualTo(7);
		assertThat(stored.reservedStock()).isZero();
	}

	@Test
	void aCommittedReservationCanBeCommittedAgainButNotReleased() {
		String id = create(1000, 10);
		String order = unique("ord");
		reserve(id, order, 2);

		var committed = this.api.post(path(id, "commit"), ProductBodies.commit(order));
		assertThat(committed.status()).isEqualTo(200);
		assertThat(committed.json().get("data").toString())
			.isEqualTo("{\"committed\":true,\"orderId\":\"" + order + "\",\"quantity\":2}");
		var again = this.api.post(path(id, "commit"), ProductBodies.commit(order));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("data")).isEqualTo(committed.json().get("data"));

		var release = this.api.post(path(id, "release"), ProductBodies.reserve(order, 2));
		assertError(release, 409, "INVALID_STATE");

		var reserveAgain = this.api.post(path(id, "reserve"), ProductBodies.reserve(order, 2));
		assertThat(reserveAgain.status()).as("a repeat of the reserve").isEqualTo(200);
		assertThat(reserveAgain.json().at("/data/remainingStock").asInt()).isEqualTo(8);

		JsonNode product = product(id);
		assertThat(product.get("stock").asInt()).isEqualTo(8);
		assertThat(product.get("reservedStock").asInt()).isZero();
		assertThat(movementTypes(id)).containsExactly("COMMIT", "RESERVE", "ADJUST");
	}

	@Test
	void aReleasedReservationCanNeitherBeReservedAgainNorCommitted() {
		String id = create(1000, 10);
		String order = unique("ord");
		reserve(id, order, 2);
		assertThat(this.api.post(path(id, "release"), ProductBodies.reserve(order, 2)).status()).isEqualTo(200);

		var reserveAgain = this.api.post(path(id, "reserve"), ProductBodies.reserve(order, 2));
		assertError(reserveAgain, 409, "INVALID_STATE");
		var commit = this.api.post(path(id, "commit"), ProductBodies.commit(order));
		assertError(commit, 409, "INVALID_STATE");
		assertThat(product(id).get("stock").asInt()).isEqualTo(10);
	}

	@Test
	void notEnoughStockIs409WithTheAvailableStock() {
		String id = create(1000, 3);
		var response = this.api.post(path(id, "reserve"), ProductBodies.reserve(unique("ord"), 4));
		assertError(response, 409, "INSUFFICIENT_STOCK");
		assertThat(response.json().at("/details/availableStock").asInt()).isEqualTo(3);
		assertThat(reserve(id, unique("ord"), 3).get("remainingStock").asInt()).isZero();
	}

	/** No payment is over Money.MAX_CENTS: a reservation worth more is refused before it takes any stock. */
	@Test
	void aReservationWorthMoreThanAnyPaymentIs400AndTakesNothing() {
		String id = create(Money.MAX_CENTS, 5);
		var response = this.api.post(path(id, "reserve"), ProductBodies.reserve(unique("ord"), 2));
		assertValidationError(response, "quantity");
		assertThat(response.json().at("/details/errors/0/message").asString())
			.isEqualTo("times the unit price of 10000000000 cents must be at most 10000000000 cents");
		assertThat(product(id).get("stock").asInt()).isEqualTo(5);
		assertThat(product(id).get("reservedStock").asInt()).isZero();

		assertThat(reserve(id, unique("ord"), 1).get("unitPrice").asLong()).isEqualTo(Money.MAX_CENTS);
	}

	/** A price stored before prices were bounded: price × quantity would overflow a long, and is refused instead. */
	@Test
	void aStoredPriceBeyondTheBoundReservesNothing() {
		String id = StoredProducts.insert(this.productRepository, 9_000_000_000_000_000_000L, 5);
		for (int quantity : new int[] { 1, 2, 3 }) {
			assertValidationError(this.api.post(path(id, "reserve"), ProductBodies.reserve(unique("ord"), quantity)),
					"quantity");
		}
		assertThat(product(id).get("stock").asInt()).isEqualTo(5);
		assertThat(product(id).get("reservedStock").asInt()).isZero();
		assertThat(movementTypes(id)).isEmpty();
	}

	@Test
	void availabilityComparesTheStockWithTheRequestedQuantity() {
		String id = create(1000, 5);
		assertThat(this.api.get(path(id, "availability")).json().get("data").toString())
			.isEqualTo("{\"productId\":\"" + id + "\",\"available\":true,\"stock\":5,\"requestedQuantity\":1}");
		assertThat(this.api.get(path(id, "availability?quantity=5")).json().at("/data/available").asBoolean()).isTrue();
		reserve(id, unique("ord"), 1);
		JsonNode after = this.api.get(path(id, "availability?quantity=5")).json().get("data");
		assertThat(after.get("available").asBoolean()).isFalse();
		assertThat(after.get("stock").asInt()).isEqualTo(4);
		assertThat(after.get("requestedQuantity").asInt()).isEqualTo(5);
	}

	@Test
	void movementsRecordEachChangeNewestFirstWithItsRequestId() {
		String id = create(1000, 5);
		String order = unique("ord");
		this.api.post(path(id, "reserve"), ProductBodies.reserve(order, 2), "X-Request-Id", "movement-test-1");
		this.api.post(path(id, "commit"), ProductBodies.commit(order));
		this.api.put("/api/v1/products/" + id, "{\"stock\": 10}");

		var page = this.api.get(path(id, "movements")).json();
		assertThat(page.at("/pagination/total").asInt()).isEqualTo(4);
		JsonNode movements = page.get("data");
		assertThat(movements.findValuesAsString("type")).containsExactly("ADJUST", "COMMIT", "RESERVE", "ADJUST");
		assertThat(movements.findValues("quantity").stream().map(JsonNode::asInt)).containsExactly(7, 0, -2, 5);
		assertThat(movements.findValues("stockAfter").stream().map(JsonNode::asInt)).containsExactly(10, 3, 3, 5);
		JsonNode reserveMovement = movements.get(2);
		assertThat(reserveMovement.get("orderId").asString()).isEqualTo(order);
		assertThat(reserveMovement.get("requestId").asString()).isEqualTo("movement-test-1");
		assertThat(reserveMovement.get("productId").asString()).isEqualTo(id);

		var second = this.api.get(path(id, "movements?limit=3&page=2")).json();
		assertThat(second.get("data").findValuesAsString("type")).containsExactly("ADJUST");
	}

	private String create(long price, int stock) {
		var response = this.api.post("/api/v1/products",
				ProductBodies.product("Widget", unique("cat"), "Acme", price, stock));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/productId").asString();
	}

	private JsonNode reserve(String id, String order, int quantity) {
		var response = this.api.post(path(id, "reserve"), ProductBodies.reserve(order, quantity));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("data");
	}

	private JsonNode product(String id) {
		var response = this.api.get("/api/v1/products/" + id);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("data");
	}

	private List<String> movementTypes(String id) {
		List<String> types = new ArrayList<>();
		for (int page = 1;; page++) {
			JsonNode response = this.api.get(path(id, "movements?limit=100&page=" + page)).json();
			types.addAll(response.get("data").findValuesAsString("type"));
			if (page >= response.at("/pagination/totalPages").asInt()) {
				return types;
			}
		}
	}

	private static String path(String id, String action) {
		return "/api/v1/products/" + id + "/" + action;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
