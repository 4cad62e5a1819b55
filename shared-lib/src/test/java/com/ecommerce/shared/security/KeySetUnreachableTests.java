package com.ecommerce.shared.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.TestAuthority;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.testapp.TestApplication;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that can't fetch auth-service's key set can't check any token: that is an outage to retry (503), not a
 * bad token (401), and certainly not a 500. Calls that need no token are unaffected.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@WithInfrastructure({})
class KeySetUnreachableTests {

	@Autowired
	ApiClient api;

	@Test
	void aTokenThatCannotBeCheckedIs503WithRetryAfter() {
		var response = this.api.withToken(TestAuthority.get().token(Scopes.BACKOFFICE)).get("/api/v1/things/x");
		assertError(response, 503, "SERVICE_UNAVAILABLE");
		assertThat(response.header("Retry-After")).isNotNull();
		assertThat(response.json().get("requestId").asString()).isNotBlank();
	}

	@Test
	void openRoutesStillAnswer() {
		assertThat(this.api.anonymous().get("/api/v1/things/ok").status()).isEqualTo(200);
	}

}
