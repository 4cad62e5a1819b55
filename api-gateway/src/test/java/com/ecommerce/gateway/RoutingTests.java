package com.ecommerce.gateway;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import com.ecommerce.infrastructure.TestAuthority;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sees of the gateway: each path prefix reaches its service, nothing else is routed, requests and
 * answers pass through as they are (request id, trace, token, body, status, headers), and the gateway's own
 * refusals are in the API's envelope; each request is one JSON log line, as the services log theirs.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class RoutingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final StubService customers = StubService.start("customer-service");

	static final StubService products = StubService.start("product-service");

	static final StubService orders = StubService.start("order-service");

	static final StubService payments = StubService.start("payment-service");

	static final StubService transactions = StubService.start("transaction-worker");

	static final StubService auth = StubService.start("auth-service");

	static final List<StubService> ALL = List.of(customers, products, orders, payments, transactions, auth);

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		ALL.forEach((stub) -> registry.add("gateway.upstreams." + stub.name(), stub::url));
	}

	@AfterAll
	static void stopUpstreams() {
		ALL.forEach(StubService::close);
	}

	@Autowired
	ApiClient api;

	@BeforeEach
	void forget() {
		ALL.forEach(StubService::forget);
	}

	@Test
	void eachPrefixReachesItsServiceWithPathAndQueryAsSent() {
		Map<String, StubService> routes = Map.of("/api/v1/customers", customers, "/api/v1/products", products,
				"/api/v1/orders", orders, "/api/v1/payments", payments, "/api/v1/transactions", transactions);
		routes.forEach((prefix, service) -> {
			for (String path : List.of(prefix, prefix + "/abc_1", prefix + "/abc_1/timeline?page=2&limit=5")) {
				Response response = this.api.get(path);
				assertThat(response.status()).as(path).isEqualTo(200);
				assertThat(response.json().at("/data/instance").asString()).as(path).isEqualTo(service.name());
				assertThat(service.received()).last().extracting(StubService.Received::uri).isEqualTo(path);
			}
		});
	}

	@Test
	void theTokenEndpointIsRoutedToAuthServiceAndNothingElseOfIt() {
		ApiClient anonymous = this.api.anonymous();
		Response token = anonymous.send(anonymous.request("/oauth2/token")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", "Basic c3RvcmVmcm9udDpzZWNyZXQ=")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
		assertThat(token.status()).isEqualTo(200);
		assertThat(auth.received()).singleElement().satisfies((request) -> {
			assertThat(request.body()).isEqualTo("grant_type=client_credentials");
			assertThat(request.header("Authorization")).isEqualTo("Basic c3RvcmVmcm9udDpzZWNyZXQ=");
		});

		for (String path : List.of("/oauth2/token", "/oauth2/jwks", "/.well-known/oauth-authorization-server",
				"/actuator/health", "/actuator/prometheus", "/api/v1/customersX", "/api/v2/orders", "/")) {
			Response response = this.api.get(path, "X-Request-Id", "no-route-1");
			assertError(response, 404, "NOT_FOUND");
			assertThat(response.json().get("requestId").asString()).as(path).isEqualTo("no-route-1");
			assertThat(response.header("X-Request-Id")).isEqualTo("no-route-1");
		}
		ALL.forEach((service) -> assertThat(service.received()).as(service.name()).hasSizeLessThanOrEqualTo(1));
	}

	@Test
	void aSaneRequestIdGoesUpstreamAndComesBackOnce() {
		Response response = this.api.get("/api/v1/orders/o1", "X-Request-Id", "client-id-1.a_b");

		assertThat(orders.received()).singleElement()
			.extracting((request) -> request.headers().get("X-Request-Id"))
			.isEqualTo(List.of("client-id-1.a_b"));
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-id-1.a_b");
	}

	@Test
	void anInsaneOrMissingRequestIdIsReplacedByOneTheUpstreamGetsToo() {
		for (String[] headers : List.of(new String[] { "X-Request-Id", "two words" },
				new String[] { "X-Request-Id", "x".repeat(129) }, new String[0])) {
			orders.forget();
			Response response = this.api.get("/api/v1/orders/o1", headers);

			String id = response.header("X-Request-Id");
			assertThat(id).matches("[0-9a-f-]{36}");
			assertThat(orders.received()).singleElement()
				.extracting((request) -> request.header("X-Request-Id"))
				.isEqualTo(id);
		}
	}

	/** The token passes untouched; the trace goes on, with the gateway's own span as the upstream call's parent. */
	@Test
	void theTraceContinuesAndTheTokenPassesUntouched() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callersSpan = "00f067aa0ba902b7";
		String token = TestAuthority.get().token("storefront");
		for (String authorization : List.of("Bearer " + token, "Bearer not-a-token", "Basic Zm9vOmJhcg==")) {
			payments.forget();
			this.api.anonymous()
				.get("/api/v1/payments/p1", "Authorization", authorization, "traceparent",
						"00-" + traceId + "-" + callersSpan + "-01", "tracestate", "vendor=opaque,other=1");

			assertThat(payments.received()).singleElement().satisfies((request) -> {
				assertThat(request.headers().get("Authorization")).containsExactly(authorization);
				assertThat(request.headers().get("traceparent")).singleElement()
					.asString()
					.matches("00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}")
					.doesNotContain(callersSpan);
				assertThat(request.headers().get("tracestate")).containsExactly("vendor=opaque,other=1");
			});
		}
	}

	@Test
	void eachRequestLogsOneJsonLineWithItsIdsAndRoute(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		this.api.get("/api/v1/orders/o1", "X-Request-Id", "log-line-1", "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");

		// The line is written once the answer has gone, so it may come a moment after it.
		JsonNode line = await().atMost(Duration.ofSeconds(5))
			.until(() -> accessLine(output, "log-line-1"), Objects::nonNull);
		assertThat(line.get("message").asString()).startsWith("GET /api/v1/orders/o1 200");
		assertThat(line.get("level").asString()).isEqualTo("INFO");
		assertThat(line.get("service").asString()).isEqualTo("api-gateway");
		assertThat(line.get("requestId").asString()).isEqualTo("log-line-1");
		assertThat(line.get("traceId").asString()).isEqualTo(traceId);
		assertThat(line.get("route").asString()).isEqualTo("order-service");
		assertThat(line.has("@timestamp")).isTrue();
	}

	@Test
	void bodiesGoUpAndUpstreamAnswersComeBackAsTheyAre() {
		String error = "{\"success\":false,\"code\":\"INSUFFICIENT_STOCK\",\"message\":\"Only 2 left\",\"requestId\":\"r\"}";
		products.answer((exchange, request) -> {
			exchange.getResponseHeaders().set("Location", "/api/v1/products/p1");
			exchange.getResponseHeaders().set("X-Something", "kept");
			StubService.send(exchange, 409, error);
		});
		try {
			String body = "{\"quantity\": 3, \"orderId\": \"ord_1\"}";
			Response response = this.api.post("/api/v1/products/p1/reserve", body, "Idempotency-Key", "k-1");

			assertThat(response.status()).isEqualTo(409);
			assertThat(response.body()).isEqualTo(error);
			assertThat(response.header("Location")).isEqualTo("/api/v1/products/p1");
			assertThat(response.header("X-Something")).isEqualTo("kept");
			assertThat(products.received()).singleElement().satisfies((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.body()).isEqualTo(body);
				assertThat(request.header("Content-Type")).isEqualTo("application/json");
				assertThat(request.header("Idempotency-Key")).isEqualTo("k-1");
			});
		}
		finally {
			products.answer(null);
		}
	}

	@Test
	void aBodyOverTheLimitIsRefusedWithoutBotheringTheService() {
		Response response = this.api.post("/api/v1/customers", "{\"a\": \"" + "x".repeat(1024 * 1024) + "\"}");

		assertError(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void theGatewaysOwnAnswersCarryTheServicesHeadersAndCorsForAnAllowedOrigin() {
		Response response = this.api.get("/nowhere", "Origin", "http://localhost:3000");

		assertError(response, 404, "NOT_FOUND");
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
		assertThat(this.api.get("/nowhere", "Origin", "http://evil.example").header("Access-Control-Allow-Origin"))
			.isNull();
	}

	@Test
	void probesAnswerOnTheApiPortAndActuatorOnTheManagementPort() {
		assertThat(this.api.anonymous().get("/healthz").status()).isEqualTo(200);
		assertThat(this.api.anonymous().get("/readyz").status()).isEqualTo(200);
		assertThat(this.api.management().get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.api.management().get("/actuator/prometheus").body()).contains("jvm_");
	}

	private static JsonNode accessLine(CapturedOutput output, String requestId) {
		return output.getOut()
			.lines()
			.filter((text) -> text.startsWith("{") && text.contains(requestId))
			.map(JSON::readTree)
			.filter((json) -> "http".equals(json.path("logger_name").asString()))
			.findFirst()
			.orElse(null);
	}

}
