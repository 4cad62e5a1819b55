package com.ecommerce.customer;

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
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.infrastructure.WithInfrastructure;

import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input of the customer API is a 400 VALIDATION_ERROR that names the field. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class CustomerValidationTests {

	@Autowired
	ApiClient api;

	/** (field path, the bad value as JSON, or null to leave the field out) */
	static Stream<Arguments> badFields() {
		return Stream.of(Arguments.of("firstName", null), Arguments.of("firstName", "\"\""),
				Arguments.of("firstName", "\"   \""), Arguments.of("firstName", "\"" + "x".repeat(51) + "\""),
				Arguments.of("firstName", "42"), Arguments.of("lastName", null), Arguments.of("lastName", "\"\""),
				Arguments.of("lastName", "\"" + "x".repeat(51) + "\""), Arguments.of("email", null),
				Arguments.of("email", "\"not-an-email\""), Arguments.of("email", "\"a@b\""),
				Arguments.of("email", "\"two@@example.com\""), Arguments.of("email", "true"), Arguments.of("phone", null),
				Arguments.of("phone", "\"12\""), Arguments.of("phone", "\"call me maybe\""),
				Arguments.of("phone", "\"+1" + "2".repeat(21) + "\""), Arguments.of("phone", "1234567890"),
				Arguments.of("address", null), Arguments.of("address", "\"123 Main St\""),
				Arguments.of("address.street", null), Arguments.of("address.street", "\"" + "s".repeat(101) + "\""),
				Arguments.of("address.city", "\"\""), Arguments.of("address.state", null),
				Arguments.of("address.state", "\"" + "s".repeat(51) + "\""), Arguments.of("address.zipCode", null),
				Arguments.of("address.zipCode", "\"" + "1".repeat(21) + "\""), Arguments.of("address.country", "\"\""),
				Arguments.of("address.country", "[]"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("badFields")
	void eachInvalidFieldOfTheCreateBodyIsNamed(String field, String badValue) {
		String body = JsonBodies.withField(CustomerBodies.valid("v-" + System.nanoTime() + "@example.com"), field,
				badValue);
		assertValidationError(this.api.post("/api/v1/customers", body), field);
	}

	@Test
	void malformedJsonIs400() {
		assertValidationError(this.api.post("/api/v1/customers", "{\"firstName\": \"John\""), "body");
	}

	@Test
	void aBodyOverOneMebibyteIs413() {
		var response = this.api.post("/api/v1/customers",
				CustomerBodies.valid("big@example.com").replace("\"Doe\"", "\"" + "D".repeat(1024 * 1024) + "\""));
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "page=0|page", "limit=101|limit", "page=abc|page", "page=1&page=2|page", "limit=0|limit",
			"search=a&q=b&search=c|search" })
	void badListParametersAre400(String queryAndField) {
		String[] parts = queryAndField.split("\\|");
		assertValidationError(this.api.get("/api/v1/customers?" + parts[0]), parts[1]);
	}

	@Test
	void aSearchTermOver100CharactersIs400() {
		assertValidationError(this.api.get("/api/v1/customers?search=" + "a".repeat(101)), "search");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad.id", "%20" })
	void badCustomerIdsInPathsAre400(String id) {
		assertValidationError(this.api.get("/api/v1/customers/" + id), "customerId");
		assertValidationError(this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"X\"}"), "customerId");
		assertValidationError(this.api.delete("/api/v1/customers/" + id), "customerId");
	}

	/** Spring Security's firewall refuses an encoded semicolon before the controller sees the id. */
	@Test
	void anEncodedSemicolonInThePathIs400NamingThePath() {
		assertValidationError(this.api.get("/api/v1/customers/drop%3Btable"), "path");
		assertValidationError(this.api.delete("/api/v1/customers/drop%3Btable"), "path");
	}

	@Test
	void anUpdateMustChangeSomethingValid() {
		String id = this.api.post("/api/v1/customers", CustomerBodies.valid("upd-" + System.nanoTime() + "@example.com"))
			.json()
			.at("/data/customerId")
			.asString();
		assertValidationError(this.api.put("/api/v1/customers/" + id, "{}"), "body");
		assertValidationError(this.api.put("/api/v1/customers/" + id, "{\"email\": \"nope\"}"), "email");
		assertValidationError(this.api.put("/api/v1/customers/" + id, "{\"firstName\": \"\"}"), "firstName");
		assertValidationError(this.api.put("/api/v1/customers/" + id, "{\"address\": {\"city\": \"Paris\"}}"),
				"address.street");
	}

	@Test
	void aGivenRequestIdComesBackInTheHeaderAndTheErrorBody() {
		var response = this.api.get("/api/v1/customers/nobody-here", "X-Request-Id", "customer-test-1");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("X-Request-Id")).isEqualTo("customer-test-1");
		assertThat(response.json().get("requestId").asString()).isEqualTo("customer-test-1");
	}

}
