package com.ecommerce.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalog: create, read (through the cache), update, soft delete and the filtered lists. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ProductApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theSeedsCreateExampleGives201WithTheProduct() {
		var response = this.api.post("/api/v1/products", ProductBodies.seed());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode data = response.json().get("data");
		String id = data.get("productId").asString();
		assertThat(id).matches("prod_[0-9a-f]{24}");
		assertThat(response.header("Location")).isEqualTo("/api/v1/products/" + id);
		assertThat(data.get("name").asString()).isEqualTo("MacBook Pro 14-inch");
		assertThat(data.get("price").asLong()).isEqualTo(199900);
		assertThat(data.get("stock").asInt()).isEqualTo(50);
		assertThat(data.get("reservedStock").asInt()).isZero();
		assertThat(data.get("active").asBoolean()).isTrue();
		assertThat(data.get("weight").asDouble()).isEqualTo(1.6);
		assertThat(data.at("/dimensions/height").asDouble()).isEqualTo(1.55);
		assertThat(data.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(data.get("updatedAt").asString()).isEqualTo(data.get("createdAt").asString());
		assertThat(data.has("version")).isFalse();
		assertThat(data.has("reservations")).isFalse();

		var fetched = this.api.get("/api/v1/products/" + id);
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().get("data")).isEqualTo(data);
	}

	@Test
	void specificationsAndImagesAreKeptAsGiven() {
		var response = this.api.post("/api/v1/products", """
				{"name": "Camera", "price": 0, "category": "Photo", "brand": "Lumix", "stock": 0,
				 "specifications": {"sensor": "MFT", "video": {"resolution": "4K", "fps": [24, 60]}, "weatherSealed": true,
				   "maxIso": 9223372036854775807, "ratio": 0.1, "none": null},
				 "images": ["https://example.com/a.jpg", "https://example.com/b.jpg"]}""");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		String id = response.json().at("/data/productId").asString();
		JsonNode data = this.api.get("/api/v1/products/" + id).json().get("data");
		assertThat(this.mongo.findById(id, Product.class).specifications()).as("read back from MongoDB")
			.isEqualTo(JSON.convertValue(data.get("specifications"), Map.class));
		assertThat(data.at("/specifications/video/fps/1").asInt()).isEqualTo(60);
		assertThat(data.at("/specifications/weatherSealed").asBoolean()).isTrue();
		assertThat(data.at("/specifications/maxIso").asLong()).isEqualTo(Long.MAX_VALUE);
		assertThat(data.at("/specifications/ratio").asDouble()).isEqualTo(0.1);
		assertThat(data.at("/images/1").asString()).isEqualTo("https://example.com/b.jpg");
	}

	@Test
	void anUnknownProductIs404() {
		assertError(this.api.get("/api/v1/products/prod_nothing_here"), 404, "NOT_FOUND");
	}

	@Test
	void readsAreServedFromRedis() {
		String id = create("Cached", unique("cat"), "Acme", 100, 1);
		this.api.get("/api/v1/products/" + id);
		// Change the document behind the service's back: a read that still shows the old name came from the cache.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update("name", "Behind"),
				Product.class);
		assertThat(this.api.get("/api/v1/products/" + id).json().at("/data/name").asString()).isEqualTo("Cached");
	}

	@Test
	void updateChangesOnlyTheGivenFieldsAndReadsNeverServeTheOldVersion() {
		String id = create("Old name", unique("cat"), "Acme", 100, 5);
		this.api.get("/api/v1/products/" + id); // warm the cache with the old version

		var updated = this.api.put("/api/v1/products/" + id, """
				{"name": "New name", "price": 150, "dimensions": {"length": 1, "width": 2, "height": 3}}""");
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode data = updated.json().get("data");
		assertThat(data.get("name").asString()).isEqualTo("New name");
		assertThat(data.get("brand").asString()).isEqualTo("Acme");
		assertThat(data.get("stock").asInt()).isEqualTo(5);
		assertThat(data.at("/dimensions/width").asDouble()).isEqualTo(2);

		JsonNode read = this.api.get("/api/v1/products/" + id).json().get("data");
		assertThat(read).isEqualTo(data);
		assertThat(read.get("price").asLong()).isEqualTo(150);
	}

	@Test
	void aPriceChangeIsVisibleInTheNextReserve() {
		String id = create("Priced", unique("cat"), "Acme", 1000, 5);
		this.api.get("/api/v1/products/" + id);
		assertThat(this.api.put("/api/v1/products/" + id, "{\"price\": 1250}").status()).isEqualTo(200);

		var reserved = this.api.post("/api/v1/products/" + id + "/reserve", ProductBodies.reserve(unique("ord"), 2));
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
		assertThat(reserved.json().at("/data/unitPrice").asLong()).isEqualTo(1250);
		assertThat(this.api.get("/api/v1/products/" + id).json().at("/data/price").asLong()).isEqualTo(1250);
	}

	@Test
	void aReadAfterAnyStockChangeShowsTheNewStock() {
		String id = create("Stocked", unique("cat"), "Acme", 1000, 10);
		String order = unique("ord");
		assertThat(stockOf(id)).isEqualTo(10); // warm the cache

		this.api.post("/api/v1/products/" + id + "/reserve", ProductBodies.reserve(order, 3));
		assertThat(stockOf(id)).isEqualTo(7);
		assertThat(this.api.get("/api/v1/products/" + id).json().at("/data/reservedStock").asInt()).isEqualTo(3);

		this.api.post("/api/v1/products/" + id + "/release", ProductBodies.reserve(order, 3));
		assertThat(stockOf(id)).isEqualTo(10);

		this.api.put("/api/v1/products/" + id, "{\"stock\": 4}");
		assertThat(stockOf(id)).isEqualTo(4);
		assertThat(this.api.get("/api/v1/products/" + id + "/availability?quantity=4").json().at("/data/stock").asInt())
			.isEqualTo(4);
	}

	@Test
	void aDeletedProductIsGoneEverywhere() {
		String category = unique("cat");
		String id = create("Doomed", category, "Acme", 1000, 10);
		String order = unique("ord");
		this.api.post("/api/v1/products/" + id + "/reserve", ProductBodies.reserve(order, 1));
		assertThat(this.api.get("/api/v1/products/" + id).status()).isEqualTo(200); // cached

		assertThat(this.api.delete("/api/v1/products/" + id).status()).isEqualTo(204);

		String path = "/api/v1/products/" + id;
		assertError(this.api.get(path), 404, "NOT_FOUND");
		assertError(this.api.get(path + "/availability"), 404, "NOT_FOUND");
		assertError(this.api.post(path + "/reserve", ProductBodies.reserve(unique("ord"), 1)), 404, "NOT_FOUND");
		// What was reserved before the delete is still given back (InventoryTests): never stock held for ever.
		assertThat(this.api.post(path + "/release", ProductBodies.reserve(order, 1)).status()).isEqualTo(200);
		assertError(this.api.get(path + "/movements"), 404, "NOT_FOUND");
		assertError(this.api.put(path, "{\"name\": \"Ghost\"}"), 404, "NOT_FOUND");
		assertError(this.api.delete(path), 404, "NOT_FOUND");
		assertThat(ids("/api/v1/products?category=" + category)).isEmpty();
		assertThat(ids("/api/v1/products/category/" + category)).isEmpty();
	}

	@Test
	void listsFilterByCategoryBrandPriceAndSearchNewestFirst() {
		String category = unique("cat");
		String cheap = create("Budget Phone", category, "Nokia", 10000, 5);
		String middle = create("Tablet", category, "Apple", 50000, 5);
		String dear = create("Laptop Pro", category, "Apple", 199900, 5);
		create("Not in the category", unique("other"), "Apple", 50000, 5);

		String list = "/api/v1/products?category=" + category;
		assertThat(ids(list)).containsExactly(dear, middle, cheap);
		assertThat(ids(list + "&brand=Apple")).containsExactly(dear, middle);
		assertThat(ids(list + "&brand=apple")).as("brand matches exactly").isEmpty();
		assertThat(ids(list + "&minPrice=10000&maxPrice=50000")).containsExactly(middle, cheap);
		assertThat(ids(list + "&minPrice=50001")).containsExactly(dear);
		assertThat(ids(list + "&maxPrice=9999")).isEmpty();
		assertThat(ids(list + "&search=LAPTOP")).containsExactly(dear);
		assertThat(ids(list + "&q=nokia")).as("brand is searched").containsExactly(cheap);
		assertThat(ids("/api/v1/products/category/" + category + "?brand=Apple&maxPrice=60000")).containsExactly(middle);
		assertThat(ids("/api/v1/products/search?q=phone&category=" + category)).containsExactly(cheap);
		assertThat(ids("/api/v1/products/brand/Nokia?category=" + category)).containsExactly(cheap);

		JsonNode page = this.api.get(list + "&limit=2&page=2").json();
		assertThat(page.get("data").findValuesAsString("productId")).containsExactly(cheap);
		assertThat(page.at("/pagination/total").asInt()).isEqualTo(3);
		assertThat(page.at("/pagination/totalPages").asInt()).isEqualTo(2);
		assertThat(page.at("/pagination/page").asInt()).isEqualTo(2);
		assertThat(page.at("/pagination/limit").asInt()).isEqualTo(2);
	}

	@Test
	void searchLooksAtTheDescriptionToo() {
		String category = unique("cat");
		String tag = unique("Zed");
		var response = this.api.post("/api/v1/products", """
				{"name": "Plain", "description": "Made by %s", "price": 1, "category": "%s", "brand": "B", "stock": 1}"""
			.formatted(tag, category));
		String id = response.json().at("/data/productId").asString();
		assertThat(ids("/api/v1/products?search=" + tag.toLowerCase())).containsExactly(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".*", "(", "[a-z]+", "\\", "a|b" })
	void searchTermsAreMatchedLiterally(String term) {
		String plain = create(unique("plain"), unique("cat"), "Acme", 1, 1); // a regex reading would match it
		var response = this.api.get("/api/v1/products?limit=100&search=" + ApiClient.encode(term));
		assertThat(response.status()).isEqualTo(200);
		JsonNode found = response.json().get("data");
		assertThat(found.findValuesAsString("productId")).doesNotContain(plain);
		found.forEach((product) -> assertThat(product.get("name").asString() + product.path("description").asString("")
				+ product.get("brand").asString()).contains(term));
	}

	@Test
	void aSearchTermWithRegexCharactersFindsTheProductThatContainsIt() {
		String name = unique("Lens (a.*b)");
		String id = create(name, unique("cat"), "Acme", 1, 1);
		assertThat(ids("/api/v1/products?search=" + ApiClient.encode("(a.*b)"))).contains(id);
		assertThat(ids("/api/v1/products/search?q=" + ApiClient.encode(name.toUpperCase()))).containsExactly(id);
	}

	private String create(String name, String category, String brand, long price, int stock) {
		var response = this.api.post("/api/v1/products", ProductBodies.product(name, category, brand, price, stock));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/productId").asString();
	}

	private int stockOf(String id) {
		return this.api.get("/api/v1/products/" + id).json().at("/data/stock").asInt();
	}

	private List<String> ids(String path) {
		var response = this.api.get(path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return new ArrayList<>(response.json().get("data").findValuesAsString("productId"));
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
