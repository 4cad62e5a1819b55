package com.ecommerce.shared.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.TestAuthority;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.testapp.TestApplication;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every service's token check and route rules (the test application's table), over real HTTP. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@WithInfrastructure({})
class ApiSecurityTests {

	private static final String THING = """
			{"name": "bolt", "count": 3}""";

	private final TestAuthority authority = TestAuthority.get();

	@Autowired
	ApiClient api;

	@Autowired
	JwtDecoder decoder;

	@Test
	void withoutATokenACallIs401WithABearerChallengeInTheEnvelope() {
		var response = this.api.anonymous().post("/api/v1/things", THING, "X-Request-Id", "req-401");
		assertError(response, 401, "UNAUTHORIZED");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.json().get("requestId").asString()).isEqualTo("req-401");
		assertThat(response.header("X-Request-Id")).isEqualTo("req-401");
	}

	@Test
	void anExpiredTokenIs401() {
		assertInvalid(this.api.withToken(this.authority.expiredToken(Scopes.BACKOFFICE)));
	}

	@Test
	void aTokenSignedByAnUnknownKeyIs401() {
		assertInvalid(this.api.withToken(this.authority.tokenSignedByUnknownKey(Scopes.BACKOFFICE)));
	}

	@Test
	void aTokenFromAnotherIssuerIs401() {
		assertInvalid(this.api.withToken(this.authority.tokenFromOtherIssuer(Scopes.BACKOFFICE)));
	}

	@Test
	void somethingThatIsNoTokenAtAllIs401() {
		assertInvalid(this.api.withToken("not-a-jwt"));
	}

	@Test
	void bootsDecoderChecksEachTokenOnceWhileItIsValid() {
		assertThat(this.decoder).isInstanceOf(VerifiedTokens.class);
		String token = this.authority.token(Scopes.BACKOFFICE);
		assertThat(this.decoder.decode(token)).isSameAs(this.decoder.decode(token));
	}

	@Test
	void aValidTokenWithoutTheScopeIs403() {
		var response = this.api.withToken(this.authority.token(Scopes.STOREFRONT)).post("/api/v1/things", THING);
		assertError(response, 403, "FORBIDDEN");
		assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
		assertThat(response.json().get("requestId").asString()).isNotBlank();
	}

	@Test
	void aTokenWithTheScopeIsServed() {
		var response = this.api.withToken(this.authority.token(Scopes.BACKOFFICE)).post("/api/v1/things", THING);
		assertThat(response.status()).isEqualTo(201);
		assertThat(this.api.withToken(this.authority.token(Scopes.STOREFRONT)).get("/api/v1/things/x").status())
			.isEqualTo(200);
	}

	@Test
	void theOrderServiceScopeGrantsNothingTheTableDoesNotGiveIt() {
		var response = this.api.withToken(this.authority.token(Scopes.ORDER_SERVICE)).get("/api/v1/things/x");
		assertError(response, 403, "FORBIDDEN");
	}

	@Test
	void anOpenRouteAnswersWithoutAToken() {
		assertThat(this.api.anonymous().get("/api/v1/things/ok").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/healthz", "/readyz" })
	void probesAnswerWithoutAToken(String probe) {
		// The test application has no stores, so readiness may well say DOWN (503): what matters is that it says.
		var response = this.api.anonymous().get(probe);
		assertThat(response.status()).isIn(200, 503);
		assertThat(response.json().has("status")).isTrue();
	}

	@Test
	void aRouteWithoutARuleNeedsAToken() {
		assertError(this.api.anonymous().get("/api/v1/no-such-route"), 401, "UNAUTHORIZED");
		assertError(this.api.withToken(this.authority.token(Scopes.STOREFRONT)).get("/api/v1/no-such-route"), 404,
				"NOT_FOUND");
	}

	@Test
	void managementEndpointsAreOnTheManagementPortAloneAndNeedNoTokenThere() {
		assertThat(this.api.management().get("/actuator/prometheus").status()).isEqualTo(200);
		assertError(this.api.anonymous().get("/actuator/prometheus"), 401, "UNAUTHORIZED");
		assertError(this.api.get("/actuator/prometheus"), 404, "NOT_FOUND"); // not served on the API port at all
	}

	@Test
	void aRefusalSetsNoSessionCookie() {
		var response = this.api.anonymous().post("/api/v1/things", THING);
		assertThat(response.header("Set-Cookie")).isNull();
	}

	private static void assertInvalid(ApiClient client) {
		var response = client.post("/api/v1/things", THING);
		assertError(response, 401, "UNAUTHORIZED");
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
	}

}
