package com.ecommerce.product;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Restocks: what a refunded order bought goes back to stock once, whatever the retries and the concurrency. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class RestockTests {

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Test
	void concurrentRestocksOfOneOrderGiveItsStockBackOnce() {
		String id = create(10);
		String order = sold(id, 3);

		List<ApiClient.Response> restocks = Concurrently.run(20, () -> this.api.post(path(id, "restock"), restock(order, 3)));

		assertThat(restocks).allSatisfy((r) -> {
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json().at("/data/restocked").asBoolean()).isTrue();
			assertThat(r.json().at("/data/orderId").asString()).isEqualTo(order);
			assertThat(r.json().at("/data/quantity").asInt()).isEqualTo(3);
		});
		assertThat(stock(id)).isEqualTo(10);
		assertThat(movementTypes(id)).containsExactly("RESTOCK", "COMMIT", "RESERVE", "ADJUST");

		var later = this.api.post(path(id, "restock"), restock(order, 3));
		assertThat(later.status()).isEqualTo(200);
		assertThat(later.json().at("/data/remainingStock").asInt()).isEqualTo(10);
		assertThat(stock(id)).isEqualTo(10);
	}

	/** A crash after the stock was added and before the restock was recorded: the retry records it, adds nothing. */
	@Test
	void aRestockInterruptedAfterAddingTheStockIsRecordedByItsRetryWithoutAddingAgain() {
		String id = create(10);
		String order = sold(id, 4);
		// What the interrupted call left: the stock added, the restock pending in the product, no record.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().inc("stock", 4).inc("version", 1).push("restocking", new PendingRestock(order, 4)),
				Product.class);

		var retried = this.api.post(path(id, "restock"), restock(order, 4));

		assertThat(retried.status()).as(retried.body()).isEqualTo(200);
		assertThat(retried.json().at("/data/quantity").asInt()).isEqualTo(4);
		assertThat(stock(id)).isEqualTo(10);
		assertThat(this.mongo.findById(Restock.idOf(id, order), Restock.class)).isNotNull();
		RestockState state = this.mongo.findOne(Query.query(Criteria.where("_id").is(id)), RestockState.class, "products");
		assertThat(state.restocking()).isEmpty();
		assertThat(state.restocks()).isEqualTo(1);
		assertThat(this.api.post(path(id, "restock"), restock(order, 4)).status()).isEqualTo(200);
		assertThat(stock(id)).isEqualTo(10);
	}

	@Test
	void onlyWhatAnOrderBoughtCanBeRestocked() {
		String id = create(10);
		String reserved = unique();
		reserve(id, reserved, 2);
		String released = unique();
		reserve(id, released, 2);
		assertThat(this.api.post(path(id, "release"), ProductBodies.commit(released)).status()).isEqualTo(200);
		String sold = sold(id, 2);

		assertError(this.api.post(path(id, "restock"), restock(unique(), 1)), 409, "INVALID_STATE");
		assertError(this.api.post(path(id, "restock"), restock(reserved, 2)), 409, "INVALID_STATE");
		assertError(this.api.post(path(id, "restock"), restock(released, 2)), 409, "INVALID_STATE");
		assertError(this.api.post(path(id, "restock"), restock(sold, 3)), 409, "INVALID_STATE");
		assertError(this.api.post(path("prod_unknown", "restock"), restock(sold, 1)), 404, "NOT_FOUND");
		assertThat(stock(id)).isEqualTo(6);
	}

	@Test
	void aRestockBodyIsValidatedLikeTheOthers() {
		String id = create(10);
		assertError(this.api.post(path(id, "restock"), "{\"orderId\": \"ord_1\"}"), 400, "VALIDATION_ERROR");
		assertError(this.api.post(path(id, "restock"), restock("ord_1", 0)), 400, "VALIDATION_ERROR");
		assertError(this.api.post(path(id, "restock"), restock("bad id!", 1)), 400, "VALIDATION_ERROR");
	}

	@Test
	void aRestockAndItsRepeatScanNoCollection() {
		String id = create(10);
		String order = sold(id, 2);
		CollectionScans.reset();

		this.api.post(path(id, "restock"), restock(order, 2));
		this.api.post(path(id, "restock"), restock(order, 2));

		String database = this.mongo.getDb().getName();
		assertThat(CollectionScans.snapshot()).as("collections scanned")
			.doesNotContainKeys(database + ".products", database + ".restocks", database + ".closed_reservations",
					database + ".stock_movements");
		assertThat(stock(id)).isEqualTo(10);
	}

	/** An order that reserved {@code quantity} and committed it; its id. */
	private String sold(String id, int quantity) {
		String order = unique();
		reserve(id, order, quantity);
		var committed = this.api.post(path(id, "commit"), ProductBodies.commit(order));
		assertThat(committed.status()).as(committed.body()).isEqualTo(200);
		return order;
	}

	private void reserve(String id, String order, int quantity) {
		var reserved = this.api.post(path(id, "reserve"), ProductBodies.reserve(order, quantity));
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
	}

	private String create(int stock) {
		var response = this.api.post("/api/v1/products",
				ProductBodies.product("Widget", "Restocks", "Acme", 1000, stock));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/productId").asString();
	}

	private int stock(String id) {
		return this.api.get("/api/v1/products/" + id).json().at("/data/stock").asInt();
	}

	private List<String> movementTypes(String id) {
		JsonNode movements = this.api.get(path(id, "movements?limit=100")).json().get("data");
		return movements.findValuesAsString("type");
	}

	private static String restock(String orderId, int quantity) {
		return """
				{"orderId": "%s", "quantity": %d}""".formatted(orderId, quantity);
	}

	private static String path(String id, String action) {
		return "/api/v1/products/" + id + "/" + action;
	}

	private static String unique() {
		return "ord_" + UUID.randomUUID().toString().substring(0, 8);
	}

}
