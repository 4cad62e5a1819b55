package com.ecommerce.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.testapp.TestApplication;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** What every service gets from shared-lib, seen over real HTTP. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ecommerce.cors.allowed-origins=http://shop.example", "spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@WithInfrastructure({}) // no servers needed, only the ApiClient
class SharedWebBehaviourTests {

	@Autowired
	ApiClient api;

	@LocalServerPort
	int port;

	@Test
	void successIsWrappedInTheEnvelope() {
		var response = this.api.post("/api/v1/things", """
				{"name": "bolt", "count": 3, "part": {"label": "x"}}""");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("success").asBoolean()).isTrue();
		assertThat(response.json().at("/data/name").asString()).isEqualTo("bolt");
	}

	@Test
	void instantsAreWrittenWithMilliseconds() {
		assertThat(this.api.get("/api/v1/things/ok").json().get("data").asString()).isEqualTo("2026-01-01T12:00:00.000Z");
	}

	@ParameterizedTest(name = "{0} → 400 naming {1}")
	@CsvSource(delimiter = '|', value = { "{\"count\": 1}|name", "{\"name\": \"\", \"count\": 1}|name",
			"{\"name\": \"x\"}|count", "{\"name\": \"x\", \"count\": -1}|count",
			"{\"name\": \"x\", \"count\": \"12\"}|count", "{\"name\": \"x\", \"count\": 1.5}|count",
			"{\"name\": \"x\", \"count\": \"abc\"}|count", "{\"name\": 5, \"count\": 1}|name",
			"{\"name\": \"x\", \"count\": 1, \"active\": \"yes\"}|active",
			"{\"name\": \"x\", \"count\": 1, \"part\": {\"label\": \" \"}}|part.label",
			"{\"name\": \"x\", \"count\": 1, \"part\": \"p\"}|part", "{\"name\": \"x\", \"count\": 1, \"tags\": 7}|tags",
			"{\"name\": \"x\", \"count\": 99999999999999999999}|count", "[1, 2]|body" })
	void badBodiesAreValidationErrorsNamingTheField(String body, String field) {
		var response = this.api.post("/api/v1/things", body);
		assertValidationError(response, field);
	}

	@Test
	void malformedJsonIsAValidationError() {
		var response = this.api.post("/api/v1/things", "{\"name\": \"x\",");
		assertValidationError(response, "body");
		assertThat(response.json().get("message").asString()).doesNotContain("Jackson", "tools.");
	}

	@Test
	void aMissingBodyIsAValidationError() {
		assertValidationError(this.api.post("/api/v1/things", ""), "body");
	}

	@ParameterizedTest(name = "?{0} → 400 naming {1}")
	@CsvSource({ "page=0,page", "limit=0,limit", "limit=101,limit", "page=abc,page", "limit=1.5,limit",
			"page=1&page=2,page", "search=a&search=b,search" })
	void badQueryParametersAreValidationErrors(String query, String field) {
		assertValidationError(this.api.get("/api/v1/things?" + query), field);
	}

	/**
	 * A name the data binder would read as a property path or a directive ({@code customerId[$ne]} is how a NoSQL
	 * operator is smuggled into a query string), bound onto a record, a plain parameter or nothing at all.
	 */
	@ParameterizedTest(name = "?{0} → 400 naming {1}")
	@CsvSource({ "ownerId%5B%24ne%5D=x,ownerId[$ne]", "ownerId%5B0%5D=x,ownerId[0]", "ownerId.x=1,ownerId.x",
			"size%5B%5D=1,size[]", "page%5B%24gt%5D=1,page[$gt]", "search%5B%24regex%5D=.*,search[$regex]",
			"unknown%5Bx%5D=1,unknown[x]", "%21ownerId=x,!ownerId", "ownerId=x&ownerId%5B%24ne%5D=x,ownerId[$ne]" })
	void parameterNamesThatAreNotPlainAreValidationErrors(String query, String field) {
		var response = this.api.get("/api/v1/things?" + query);
		assertValidationError(response, field);
		assertThat(response.json().at("/details/errors/0/message").asString()).isEqualTo("is not a valid parameter name");
	}

	@ParameterizedTest(name = "?{0} → 400 naming {1}")
	@CsvSource({ "size=abc,size", "size=99999999999,size", "ownerId=a%20b,ownerId" })
	void badValuesBoundOntoARecordAreValidationErrors(String query, String field) {
		assertValidationError(this.api.get("/api/v1/things?" + query), field);
	}

	@ParameterizedTest(name = "?{0} → 400 naming quantity")
	@CsvSource({ "''", "quantity=", "quantity=abc", "quantity=1.5", "quantity=99999999999", "quantity=0" })
	void aRequiredParameterMissingOrNotConvertibleIsAValidationError(String query) {
		assertValidationError(this.api.get("/api/v1/things/t1/parts?" + query), "quantity");
	}

	@Test
	void plainUnknownParametersAreIgnored() {
		assertThat(this.api.get("/api/v1/things?utm_source=mail&x-y_1=2").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/things/t1/parts?quantity=2").json().get("data").asInt()).isEqualTo(2);
	}

	/** Sent over a raw socket: no HTTP client sends such a URI. */
	@ParameterizedTest
	@CsvSource({ "ownerId=%zz", "%zz=1", "ownerId=%" })
	void aBadlyEncodedQueryIsAValidationErrorNotA500(String query) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(("GET /api/v1/things?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"VALIDATION_ERROR\"");
		}
	}

	@Test
	void aNonNumericQueryValueSaysWhatWasExpected() {
		var response = this.api.get("/api/v1/things?page=abc");
		assertThat(response.json().at("/details/errors/0/message").asString()).isEqualTo("must be an integer");
	}

	@Test
	void paginationIsReported() {
		JsonNode pagination = this.api.get("/api/v1/things?page=2&limit=10").json().get("pagination");
		assertThat(pagination.get("total").asLong()).isEqualTo(25);
		assertThat(pagination.get("page").asInt()).isEqualTo(2);
		assertThat(pagination.get("limit").asInt()).isEqualTo(10);
		assertThat(pagination.get("totalPages").asLong()).isEqualTo(3);
	}

	@ParameterizedTest
	@CsvSource({ "bad%20id", "has.dot", "x%3Cscript%3E" })
	void badPathIdsAreValidationErrors(String id) {
		assertValidationError(this.api.get("/api/v1/things/" + id), "thingId");
	}

	@Test
	void anOverlongPathIdIsAValidationError() {
		assertValidationError(this.api.get("/api/v1/things/" + "a".repeat(65)), "thingId");
	}

	@Test
	void unknownRoutesAre404() {
		var response = this.api.get("/api/v1/nothing-here");
		assertError(response, 404, "NOT_FOUND");
	}

	@Test
	void wrongMethodsAre405() {
		var response = this.api.delete("/api/v1/things");
		assertError(response, 405, "METHOD_NOT_ALLOWED");
	}

	@Test
	void nonJsonBodiesAre415() {
		var response = this.api.send(this.api.request("/api/v1/things")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("name=x")));
		assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void bodiesOverOneMebibyteAre413() {
		String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\", \"count\": 1}";
		var response = this.api.post("/api/v1/things", big);
		assertError(response, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void chunkedBodiesOverOneMebibyteAre413() {
		byte[] big = ("{\"name\": \"" + "x".repeat(1024 * 1024) + "\", \"count\": 1}").getBytes();
		var response = this.api.send(this.api.request("/api/v1/things")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
		assertError(response, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void unexpectedFailuresAre500WithoutInternals() {
		var response = this.api.get("/api/v1/things/boom");
		assertError(response, 500, "INTERNAL_ERROR");
		assertThat(response.body()).doesNotContain("secret", "mongodb", "Exception", "at com.");
	}

	@Test
	void apiExceptionsCarryTheirCodeAndDetails() {
		var response = this.api.get("/api/v1/things/busy");
		assertError(response, 409, "INSUFFICIENT_STOCK");
		assertThat(response.json().at("/details/availableStock").asInt()).isEqualTo(3);
	}

	@Test
	void aGivenRequestIdComesBackInTheHeaderAndTheErrorBody() {
		var response = this.api.get("/api/v1/things/missing", "X-Request-Id", "test-req-42");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("X-Request-Id")).isEqualTo("test-req-42");
		assertThat(response.json().get("requestId").asString()).isEqualTo("test-req-42");
	}

	@Test
	void aRequestIdIsGeneratedWhenAbsentOrUnsafe() {
		var generated = this.api.get("/api/v1/things/missing");
		assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		assertThat(generated.json().get("requestId").asString()).isEqualTo(generated.header("X-Request-Id"));
		var replaced = this.api.get("/api/v1/things/ok", "X-Request-Id", "no spaces allowed");
		assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void everyResponseCarriesTheSecurityHeaders() {
		for (var response : new ApiClient.Response[] { this.api.get("/api/v1/things/ok"), this.api.get("/nowhere"),
				this.api.get("/healthz") }) {
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		}
	}

	@Test
	void corsAllowsTheConfiguredOriginOnly() {
		var allowed = this.api.send(this.api.request("/api/v1/things")
			.header("Origin", "http://shop.example")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://shop.example");
		var refused = this.api.send(this.api.request("/api/v1/things")
			.header("Origin", "http://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void livenessAndMetricsAreServed() {
		assertThat(this.api.get("/healthz").status()).isEqualTo(200);
		assertThat(this.api.management().get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		assertThat(this.api.get("/v3/api-docs").json().at("/paths").has("/api/v1/things")).isTrue();
	}

}
