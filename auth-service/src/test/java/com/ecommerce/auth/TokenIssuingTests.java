package com.ecommerce.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The client-credentials grant as a service or a script meets it, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({})
class TokenIssuingTests {

	static final Path KEYS = temporaryDirectory();

	static final Path ACTIVE = KEYS.resolve("signing-key.pem");

	static final Path PREVIOUS = KEYS.resolve("previous-signing-key.pem");

	@DynamicPropertySource
	static void configuration(DynamicPropertyRegistry registry) {
		SigningKeys.create(PREVIOUS);
		var hashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		registry.add("AUTH_ISSUER", () -> "http://auth.test:3006");
		registry.add("AUTH_STOREFRONT_SECRET_HASH", () -> hashes.encode("storefront-secret"));
		registry.add("AUTH_BACKOFFICE_SECRET_HASH", () -> hashes.encode("backoffice-secret"));
		registry.add("AUTH_ORDER_SERVICE_SECRET_HASH", () -> hashes.encode("order-service-secret"));
		registry.add("AUTH_SIGNING_KEY_FILE", ACTIVE::toString);
		registry.add("AUTH_PREVIOUS_SIGNING_KEY_FILE", PREVIOUS::toString);
		registry.add("AUTH_CREATE_SIGNING_KEY", () -> "true");
	}

	@Autowired
	ApiClient api;

	@Test
	void aClientGetsAnRs256TokenWithItsScopeForTenMinutes() throws Exception {
		var response = requestToken("storefront", "storefront-secret", "");
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isBetween(595L, 600L);

		SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(SigningKeys.read(ACTIVE).getKeyID());
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("http://auth.test:3006");
		assertThat(claims.getSubject()).isEqualTo("storefront");
		assertThat(claims.getStringListClaim("scope")).containsExactly("storefront");
		assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
			.isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
		assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(SigningKeys.read(ACTIVE).toRSAPublicKey())))
			.isTrue();
	}

	@Test
	void theKeySetPublishesTheActiveAndThePreviousKeyWithoutTheirPrivateParts() {
		var response = this.api.anonymous().get("/oauth2/jwks");
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = response.json().get("keys").valueStream().map((key) -> key.get("kid").asString()).toList();
		assertThat(ids).containsExactlyInAnyOrder(SigningKeys.read(ACTIVE).getKeyID(),
				SigningKeys.read(PREVIOUS).getKeyID());
		assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
	}

	@Test
	void theKeyFileIsCreatedOnFirstStartForItsOwnerOnly() throws IOException {
		assertThat(Files.getPosixFilePermissions(ACTIVE)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
	}

	@Test
	void aWrongSecretIs401InvalidClient() {
		var response = requestToken("backoffice", "storefront-secret", "");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void anUnknownClientIs401() {
		assertThat(requestToken("shopper", "anything", "").status()).isEqualTo(401);
	}

	@Test
	void aClientCannotAskForAnotherClientsScope() {
		var response = requestToken("storefront", "storefront-secret", "&scope=backoffice");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void secretsMayAlsoComeInTheForm() {
		var response = this.api.anonymous().send(this.api.anonymous().request("/oauth2/token")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"grant_type=client_credentials&client_id=order-service&client_secret=order-service-secret")));
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void theServersMetadataNamesItsEndpoints() {
		var metadata = this.api.anonymous().get("/.well-known/oauth-authorization-server").json();
		assertThat(metadata.get("issuer").asString()).isEqualTo("http://auth.test:3006");
		assertThat(metadata.get("jwks_uri").asString()).isEqualTo("http://auth.test:3006/oauth2/jwks");
	}

	@Test
	void probesAnswerAndEverythingElseIsRefusedInTheEnvelope() {
		assertThat(this.api.anonymous().get("/healthz").status()).isEqualTo(200);
		assertThat(this.api.anonymous().get("/readyz").status()).isEqualTo(200);
		assertError(this.api.anonymous().get("/api/v1/anything"), 401, "UNAUTHORIZED");
	}

	@Test
	void hashSecretPrintsAHashThatMatchesTheSecret() throws IOException {
		var out = new java.io.ByteArrayOutputStream();
		var stdin = System.in;
		var stdout = System.out;
		try {
			System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
			System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
			AuthServiceApplication.main(new String[] { "hash-secret" });
		}
		finally {
			System.setIn(stdin);
			System.setOut(stdout);
		}
		String hash = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(hash).startsWith("{bcrypt}");
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret", hash)).isTrue();
	}

	private ApiClient.Response requestToken(String client, String secret, String extra) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.api.anonymous().send(this.api.anonymous().request("/oauth2/token")
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials" + extra)));
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("auth-keys");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
