package com.ecommerce.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.shared.cache.VersionedCaches;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.infrastructure.WithInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class CustomerApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	VersionedCaches caches;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theSeedsCreateExampleGives201WithTheCustomer() {
		String email = unique("john.doe") + "@Example.com";
		var response = this.api.post("/api/v1/customers", CustomerBodies.valid(email));
		assertThat(response.status()).isEqualTo(201);
		JsonNode data = response.json().get("data");
		String id = data.get("customerId").asString();
		assertThat(id).matches("[0-9a-f]{24}");
		assertThat(response.header("Location")).isEqualTo("/api/v1/customers/" + id);
		assertThat(data.get("email").asString()).isEqualTo(email.toLowerCase());
		assertThat(data.at("/address/zipCode").asString()).isEqualTo("10001");
		assertThat(data.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(data.has("version")).isFalse();

		var fetched = this.api.get("/api/v1/customers/" + id);
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().get("data")).isEqualTo(data);
	}

	@Test
	void anUnknownCustomerIs404() {
		var response = this.api.get("/api/v1/customers/68c5ee4f6603fb3c28a87a6f");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("code").asString()).isEqualTo("NOT_FOUND");
	}

	@Test
	void aDuplicateEmailIs409WhateverItsCase() {
		String email = unique("dup") + "@example.com";
		assertThat(this.api.post("/api/v1/customers", CustomerBodies.valid(email)).status()).isEqualTo(201);
		var again = this.api.post("/api/v1/customers", CustomerBodies.valid(email.toUpperCase()));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("CONFLICT");
	}

	@Test
	void twentyConcurrentCreatesWithOneEmailGiveExactlyOneCustomer() {
		String email = unique("race") + "@example.com";
		List<Integer> statuses = Concurrently.run(20, () -> this.api.post("/api/v1/customers", CustomerBodies.valid(email)).status());
		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(19);
		var found = this.api.get("/api/v1/customers?search=" + email);
		assertThat(found.json().at("/pagination/total").asLong()).isEqualTo(1);
	}

	@Test
	void updateChangesOnlyTheGivenFieldsAndReadsNeverServeTheOldVersion() {
		String id = create(unique("upd") + "@example.com");
		this.api.get("/api/v1/customers/" + id); // warm the cache with the old version
		assertThat(this.redis.hasKey("customer:" + id)).isTrue();

		var updated = this.api.put("/api/v1/customers/" + id, """
				{"firstName": "Jane", "lastName": "Smith"}""");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().at("/data/firstName").asString()).isEqualTo("Jane");
		assertThat(updated.json().at("/data/phone").asString()).isEqualTo("+1234567890");

		var read = this.api.get("/api/v1/customers/" + id).json().get("data");
		assertThat(read.get("firstName").asString()).isEqualTo("Jane");
		assertThat(read.get("lastName").asString()).isEqualTo("Smith");
		assertThat(read.get("updatedAt").asString()).isEqualTo(updated.json().at("/data/updatedAt").asString());
	}

	@Test
	void readsAreServedFromRedis() {
		String id = create(unique("cached") + "@example.com");
		this.api.get("/api/v1/customers/" + id);
		// Change the document behind the service's back: a read that still shows the old name came from the cache.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update("firstName", "Behind"),
				Customer.class);
		assertThat(this.api.get("/api/v1/customers/" + id).json().at("/data/firstName").asString()).isEqualTo("John");
	}

	@Test
	void aSlowReaderCannotPutAnOlderCopyBackIntoTheCache() {
		String id = create(unique("stale") + "@example.com");
		Customer loadedBeforeTheUpdates = this.mongo.findById(id, Customer.class);
		assertThat(loadedBeforeTheUpdates.version()).isEqualTo(1);
		this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"Second\"}");
		this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"Third\"}");

		// What a reader that loaded version 1 before the updates would write once it gets there:
		this.caches.create("customer", Customer.class).put(id, loadedBeforeTheUpdates);

		assertThat(this.redis.opsForValue().get("customer:" + id)).startsWith("3|");
		assertThat(this.api.get("/api/v1/customers/" + id).json().at("/data/firstName").asString()).isEqualTo("Third");
	}

	@Test
	void deleteIs204AndTheCustomerIsGoneEvenFromTheCache() {
		String id = create(unique("del") + "@example.com");
		assertThat(this.api.get("/api/v1/customers/" + id).status()).isEqualTo(200);
		assertThat(this.api.delete("/api/v1/customers/" + id).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/customers/" + id).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/customers/" + id).status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"Ghost\"}").status()).isEqualTo(404);
	}

	@Test
	void anEmailTakenByAnotherCustomerCannotBeUpdatedTo() {
		String taken = unique("taken") + "@example.com";
		create(taken);
		String id = create(unique("mover") + "@example.com");
		var response = this.api.put("/api/v1/customers/" + id, "{\"email\": \"" + taken.toUpperCase() + "\"}");
		assertThat(response.status()).isEqualTo(409);
	}

	@Test
	void listsAreNewestFirstAndPaginated() {
		String tag = unique("page");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(create(tag + i + "@example.com"));
		}
		var page = this.api.get("/api/v1/customers?search=" + tag + "&limit=2&page=2").json();
		assertThat(page.at("/pagination/total").asLong()).isEqualTo(5);
		assertThat(page.at("/pagination/totalPages").asLong()).isEqualTo(3);
		assertThat(page.get("data").findValuesAsString("customerId")).containsExactly(ids.get(2), ids.get(1));
	}

	@Test
	void aPageFarPastTheEndIsEmpty() {
		create(unique("far") + "@example.com");
		for (String page : List.of("page=21474838&limit=100", "page=2147483647&limit=100", "page=2147483647&limit=1")) {
			var response = this.api.get("/api/v1/customers?" + page);
			assertThat(response.status()).as(page).isEqualTo(200);
			assertThat(response.json().get("data").isEmpty()).as(page).isTrue();
			assertThat(response.json().at("/pagination/total").asLong()).as(page).isPositive();
		}
	}

	@Test
	void searchMatchesNameEmailOrCityCaseInsensitively() {
		String tag = unique("Zed");
		String id = create(tag.toLowerCase() + "@example.com");
		for (String query : List.of("search=" + tag.toUpperCase(), "q=" + tag, "search=" + tag.substring(2))) {
			var found = this.api.get("/api/v1/customers?" + query).json();
			assertThat(found.get("data").findValuesAsString("customerId")).as(query).containsExactly(id);
		}
		var viaSearch = this.api.get("/api/v1/customers/search?q=" + tag).json();
		assertThat(viaSearch.get("data").findValuesAsString("customerId")).containsExactly(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".*", "(", "[a-z]+", "\\", "a|b" })
	void searchTermsAreMatchedLiterally(String term) {
		String plain = create(unique("plain") + "@example.com"); // a regex reading of the term would match it
		var response = this.api.get("/api/v1/customers?limit=100&search=" + ApiClient.encode(term));
		assertThat(response.status()).isEqualTo(200);
		JsonNode found = response.json().get("data");
		assertThat(found.findValuesAsString("customerId")).doesNotContain(plain);
		found.forEach((customer) -> assertThat(customer.get("firstName").asString() + customer.get("lastName").asString()
				+ customer.get("email").asString() + customer.at("/address/city").asString()).contains(term));
	}

	@Test
	void aSearchTermWithRegexCharactersFindsTheCustomerThatContainsIt() {
		String email = unique("a.*b") + "@example.com";
		String id = create(email);
		var found = this.api.get("/api/v1/customers?search=" + ApiClient.encode("a.*b")).json();
		assertThat(found.get("data").findValuesAsString("customerId")).contains(id);
		assertThat(found.get("data").findValuesAsString("email")).allMatch((e) -> e.contains("a.*b"));
	}

	private String create(String email) {
		var response = this.api.post("/api/v1/customers", CustomerBodies.valid(email));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/customerId").asString();
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

}
