package com.ecommerce.product;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.JsonBodies;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Money;

import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input of the product API is a 400 VALIDATION_ERROR that names the field or parameter. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ProductValidationTests {

	@Autowired
	ApiClient api;

	/** (field path, the bad value as JSON, or null to leave the field out) */
	static Stream<Arguments> badFields() {
		return Stream.of(Arguments.of("name", null), Arguments.of("name", "\"\""), Arguments.of("name", "\"   \""),
				Arguments.of("name", quoted("n".repeat(201))), Arguments.of("name", "42"),
				Arguments.of("description", quoted("d".repeat(1001))), Arguments.of("description", "{}"),
				Arguments.of("price", null), Arguments.of("price", "-1"), Arguments.of("price", "1.5"),
				Arguments.of("price", "\"12\""), Arguments.of("price", "true"),
				Arguments.of("price", "99999999999999999999"), Arguments.of("price", "10000000001"),
				Arguments.of("price", "9000000000000000000"), Arguments.of("category", null),
				Arguments.of("category", "\"\""), Arguments.of("category", quoted("c".repeat(51))),
				Arguments.of("brand", null), Arguments.of("brand", "\" \""), Arguments.of("brand", quoted("b".repeat(51))),
				Arguments.of("stock", null), Arguments.of("stock", "-1"), Arguments.of("stock", "2.5"),
				Arguments.of("stock", "\"5\""), Arguments.of("stock", "3000000000"), Arguments.of("weight", "0"),
				Arguments.of("weight", "-1.5"), Arguments.of("weight", "\"1.6\""),
				Arguments.of("dimensions", "\"31x22x1\""), Arguments.of("dimensions.height", null),
				Arguments.of("dimensions.length", "0"), Arguments.of("dimensions.width", "-2"),
				Arguments.of("specifications", "\"fast\""), Arguments.of("specifications", "[1, 2]"),
				Arguments.of("specifications", "{\"a.b\": 1}"), Arguments.of("specifications", "{\"$where\": 1}"),
				Arguments.of("specifications", "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": 1}}}}}}"),
				Arguments.of("specifications", "{\"big\": 123456789012345678901234567890}"),
				Arguments.of("specifications", "{\"x\": {\"_class\": \"java.lang.Thread\"}}"),
				Arguments.of("specifications", "{\"nul\\u0000\": 1}"), Arguments.of("specifications", "{\"\": 1}"),
				Arguments.of("images", "\"one.jpg\""), Arguments.of("images", images(21)),
				Arguments.of("images[0]", "[\"\"]"), Arguments.of("images[1]", "[\"a.jpg\", " + quoted("i".repeat(501)) + "]"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("badFields")
	void eachInvalidFieldOfTheCreateBodyIsNamed(String field, String badValue) {
		assertValidationError(this.api.post("/api/v1/products", JsonBodies.withField(ProductBodies.seed(), field, badValue)),
				field);
	}

	@Test
	void theLimitsThemselvesAreAccepted() {
		var response = this.api.post("/api/v1/products", """
				{"name": "%s", "description": "%s", "price": 0, "category": "%s", "brand": "%s", "stock": 0,
				 "weight": 0.001, "images": %s, "specifications": {"a": {"b": {"c": {"d": 1}}}}}"""
			.formatted("n".repeat(200), "d".repeat(1000), "c".repeat(50), "b".repeat(50), images(20)));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(this.api.post("/api/v1/products", ProductBodies.seed().replace("\"Apple MacBook Pro with M2 chip\"", "\"\""))
			.status()).as("an empty description").isEqualTo(201);
	}

	@Test
	void thePriceIsAtMostMaxCentsOnCreateAndUpdate() {
		var created = this.api.post("/api/v1/products",
				ProductBodies.product("Yacht", "Boats", "Acme", Money.MAX_CENTS, 1));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().at("/data/price").asLong()).isEqualTo(10_000_000_000L);

		String path = "/api/v1/products/" + created.json().at("/data/productId").asString();
		var tooLarge = this.api.put(path, "{\"price\": " + (Money.MAX_CENTS + 1) + "}");
		assertValidationError(tooLarge, "price");
		assertThat(tooLarge.json().at("/details/errors/0/message").asString())
			.isEqualTo("must be at most 10000000000 cents");
		assertThat(this.api.put(path, "{\"price\": 1}").status()).isEqualTo(200);
		assertThat(this.api.put(path, "{\"price\": " + Money.MAX_CENTS + "}").status()).isEqualTo(200);
		assertThat(this.api.get(path).json().at("/data/price").asLong()).isEqualTo(Money.MAX_CENTS);
	}

	/** Sent as raw text: a JSON tree in the test would already have turned 1e400 into the string "Infinity". */
	@Test
	void numbersTooLargeToStoreAre400() {
		assertValidationError(this.api.post("/api/v1/products", ProductBodies.seed().replace("1.6", "1e400")), "weight");
		assertValidationError(this.api.post("/api/v1/products",
				ProductBodies.seed().replace("\"weight\"", "\"specifications\": {\"huge\": [1e400]}, \"weight\"")),
				"specifications");
	}

	@Test
	void malformedJsonIs400() {
		assertValidationError(this.api.post("/api/v1/products", "{\"name\": \"MacBook\""), "body");
	}

	@Test
	void anUpdateMustChangeSomethingValid() {
		String id = this.api.post("/api/v1/products", ProductBodies.seed()).json().at("/data/productId").asString();
		String path = "/api/v1/products/" + id;
		assertValidationError(this.api.put(path, "{}"), "body");
		assertValidationError(this.api.put(path, "{\"price\": -5}"), "price");
		assertValidationError(this.api.put(path, "{\"price\": 9.99}"), "price");
		assertValidationError(this.api.put(path, "{\"price\": 10000000001}"), "price");
		assertValidationError(this.api.put(path, "{\"price\": 9000000000000000000}"), "price");
		assertValidationError(this.api.put(path, "{\"name\": \"\"}"), "name");
		assertValidationError(this.api.put(path, "{\"brand\": \"  \"}"), "brand");
		assertValidationError(this.api.put(path, "{\"stock\": -1}"), "stock");
		assertValidationError(this.api.put(path, "{\"dimensions\": {\"length\": 3}}"), "dimensions.width");
		assertValidationError(this.api.put(path, "{\"images\": " + images(21) + "}"), "images");
		assertThat(this.api.get(path).json().at("/data/price").asLong()).isEqualTo(199900);
	}

	/** (the reserve body, the field it gets wrong) */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"quantity\": 0, \"orderId\": \"ord_1\"}|quantity",
			"{\"quantity\": -1, \"orderId\": \"ord_1\"}|quantity", "{\"quantity\": 1.5, \"orderId\": \"ord_1\"}|quantity",
			"{\"quantity\": \"2\", \"orderId\": \"ord_1\"}|quantity", "{\"quantity\": 1000001, \"orderId\": \"ord_1\"}|quantity",
			"{\"orderId\": \"ord_1\"}|quantity", "{\"quantity\": 1}|orderId", "{\"quantity\": 1, \"orderId\": \"a b\"}|orderId",
			"{\"quantity\": 1, \"orderId\": \"\"}|orderId", "{\"quantity\": 1, \"orderId\": 12}|orderId",
			"{\"quantity\": 1, \"orderId\": \"ooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo\"}|orderId" })
	void badReserveBodiesAre400(String bodyAndField) {
		String[] parts = bodyAndField.split("\\|");
		String id = this.api.post("/api/v1/products", ProductBodies.seed()).json().at("/data/productId").asString();
		assertValidationError(this.api.post("/api/v1/products/" + id + "/reserve", parts[0]), parts[1]);
		assertThat(this.api.get("/api/v1/products/" + id).json().at("/data/stock").asInt()).isEqualTo(50);
	}

	@Test
	void badReleaseAndCommitBodiesAre400() {
		String path = "/api/v1/products/prod_1";
		assertValidationError(this.api.post(path + "/release", "{\"quantity\": 1}"), "orderId");
		assertValidationError(this.api.post(path + "/release", "{\"quantity\": 0, \"orderId\": \"ord_1\"}"), "quantity");
		assertValidationError(this.api.post(path + "/commit", "{}"), "orderId");
		assertValidationError(this.api.post(path + "/commit", "{\"orderId\": \"a/b\"}"), "orderId");
		assertValidationError(this.api.post(path + "/commit", ""), "body");
	}

	@ParameterizedTest
	@ValueSource(strings = { "page=0|page", "limit=101|limit", "limit=0|limit", "page=abc|page", "page=1&page=2|page",
			"minPrice=-1|minPrice", "maxPrice=-1|maxPrice", "maxPrice=abc|maxPrice", "minPrice=1.5|minPrice",
			"minPrice=10&maxPrice=5|minPrice", "category=a&category=b|category", "brand=a&brand=b|brand",
			"search=a&q=b&search=c|search" })
	void badListParametersAre400(String queryAndField) {
		String[] parts = queryAndField.split("\\|");
		assertValidationError(this.api.get("/api/v1/products?" + parts[0]), parts[1]);
		assertValidationError(this.api.get("/api/v1/products/category/Electronics?" + parts[0]), parts[1]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "price[$gt]", "category[$ne]", "brand[$regex]" })
	void anOperatorInAListParameterNameIs400(String name) {
		assertValidationError(this.api.get("/api/v1/products?" + ApiClient.encode(name) + "=x"), name);
	}

	@Test
	void overlongFiltersAre400() {
		assertValidationError(this.api.get("/api/v1/products?search=" + "a".repeat(101)), "search");
		assertValidationError(this.api.get("/api/v1/products/search?q=" + "a".repeat(101)), "q");
		assertValidationError(this.api.get("/api/v1/products?category=" + "c".repeat(51)), "category");
		assertValidationError(this.api.get("/api/v1/products/category/" + "c".repeat(51)), "category");
		assertValidationError(this.api.get("/api/v1/products/brand/" + "b".repeat(51)), "brand");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quantity=0", "quantity=-3", "quantity=abc", "quantity=1.5", "quantity=1&quantity=2" })
	void badAvailabilityQuantitiesAre400(String query) {
		assertValidationError(this.api.get("/api/v1/products/prod_1/availability?" + query), "quantity");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad.id", "%20", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
	void badProductIdsInPathsAre400(String id) {
		String path = "/api/v1/products/" + id;
		assertValidationError(this.api.get(path), "productId");
		assertValidationError(this.api.put(path, "{\"name\": \"X\"}"), "productId");
		assertValidationError(this.api.delete(path), "productId");
		assertValidationError(this.api.get(path + "/availability"), "productId");
		assertValidationError(this.api.get(path + "/movements"), "productId");
		assertValidationError(this.api.post(path + "/reserve", ProductBodies.reserve("ord_1", 1)), "productId");
		assertValidationError(this.api.post(path + "/release", ProductBodies.reserve("ord_1", 1)), "productId");
		assertValidationError(this.api.post(path + "/commit", ProductBodies.commit("ord_1")), "productId");
	}

	/** Spring Security's firewall refuses an encoded semicolon before the controller sees the id. */
	@Test
	void anEncodedSemicolonInThePathIs400NamingThePath() {
		assertValidationError(this.api.get("/api/v1/products/drop%3Btable"), "path");
		assertValidationError(this.api.post("/api/v1/products/drop%3Btable/reserve", ProductBodies.reserve("ord_1", 1)),
				"path");
	}

	private static String quoted(String text) {
		return "\"" + text + "\"";
	}

	private static String images(int count) {
		return Stream.generate(() -> "\"https://example.com/i.jpg\"").limit(count).toList().toString();
	}

}
