package com.ecommerce.gateway;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;
import com.ecommerce.infrastructure.TestAuthority;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three requests a minute per client (a token costs 60 of a bucket of 180 that fills by 1 a second: slow enough
 * that no token comes back while a test runs). A client is the client id of a token the gateway verified, else the
 * address it calls from.
 */
@GatewayTest
@TestPropertySource(properties = { "gateway.rate-limit.replenish-rate=1", "gateway.rate-limit.requested-tokens=60",
		"gateway.rate-limit.burst-capacity=180" })
class RateLimitTests {

	static final StubService upstream = StubService.start("any-service");

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		upstream.answerEveryRoute(registry);
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@Autowired
	ApiClient api;

	final TestAuthority authority = TestAuthority.get();

	@Test
	void aClientOverItsLimitGetsA429InTheEnvelopeWithRetryAfterAndTheServiceNeverSeesIt() {
		ApiClient client = this.api.withToken(this.authority.token(uniqueClient()));

		Response refused = untilRefused(client, "/api/v1/orders");

		assertError(refused, 429, "RATE_LIMITED");
		assertThat(refused.header("Retry-After")).isEqualTo("60");
		assertThat(refused.json().get("requestId").asString()).isEqualTo(refused.header("X-Request-Id"));
		String refusedId = refused.header("X-Request-Id");
		assertThat(upstream.received()).noneMatch((request) -> refusedId.equals(request.header("X-Request-Id")));
		// Every route takes from the same bucket.
		assertError(client.get("/api/v1/products/p1"), 429, "RATE_LIMITED");
		assertError(client.post("/api/v1/customers", "{}"), 429, "RATE_LIMITED");
	}

	@Test
	void eachVerifiedClientHasABucketOfItsOwn() {
		ApiClient first = this.api.withToken(this.authority.token(uniqueClient()));
		ApiClient second = this.api.withToken(this.authority.token(uniqueClient()));

		untilRefused(first, "/api/v1/products");

		assertThat(second.get("/api/v1/products").status()).isEqualTo(200);
	}

	@Test
	void aTokenThatDoesNotVerifyCountsAsTheAddressItCameFrom() {
		String client = uniqueClient();
		untilRefused(this.api.anonymous(), "/api/v1/payments");

		for (String unverifiable : List.of(this.authority.tokenSignedByUnknownKey(client),
				this.authority.expiredToken(client), this.authority.tokenFromOtherIssuer(client), "garbage")) {
			assertError(this.api.withToken(unverifiable).get("/api/v1/payments"), 429, "RATE_LIMITED");
		}
		// The same client id in a token that verifies: a bucket of its own, still full.
		assertThat(this.api.withToken(this.authority.token(client)).get("/api/v1/payments").status()).isEqualTo(200);
	}

	private static String uniqueClient() {
		return "client-" + UUID.randomUUID();
	}

	/** Calls until refused (the bucket holds 3 requests) and answers the refusal. */
	private static Response untilRefused(ApiClient client, String path) {
		for (int i = 0; i < 10; i++) {
			Response response = client.get(path);
			if (response.status() == 429) {
				assertThat(i).as("requests allowed before the first refusal").isEqualTo(3);
				return response;
			}
			assertThat(response.status()).isEqualTo(200);
		}
		return fail("never refused");
	}

}
