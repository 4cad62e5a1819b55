package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service in a service's own tests, as the embedded MongoDB stands in for MongoDB: it publishes a
 * signing key at {@code /oauth2/jwks} and answers the client-credentials grant at {@code /oauth2/token}, so a service
 * under test checks real signed tokens against a real key set and order-service fetches its own token as it does in
 * the stack. One per test JVM, on a free port of 127.0.0.1; test contexts made with {@link WithInfrastructure} are
 * pointed at it ({@code ecommerce.security.issuer}).
 * <p>
 * Its clients are the system's three, each granted the scope of its name, all with the secret {@link #SECRET}. It
 * also makes the tokens a test of access needs: expired, signed by a key it does not publish, from another issuer.
 */
public final class TestAuthority {

	public static final String SECRET = "test-secret";

	public static final List<String> CLIENTS = List.of("storefront", "backoffice", "order-service");

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private static volatile TestAuthority instance;

	private final RSAKey key;

	private final RSAKey unpublishedKey;

	private final HttpServer server;

	private volatile boolean available = true;

	private final AtomicInteger issued = new AtomicInteger();

	private TestAuthority() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
		this.unpublishedKey = new RSAKeyGenerator(2048).keyID("unknown-key").generate();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/oauth2/jwks", (exchange) -> answer(exchange, 200,
				new JWKSet(this.key.toPublicJWK()).toString(true)));
		this.server.createContext("/oauth2/token", this::token);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	/** The authority of this JVM, started on first use. */
	public static TestAuthority get() {
		TestAuthority authority = instance;
		if (authority == null) {
			synchronized (TestAuthority.class) {
				if (instance == null) {
					try {
						instance = new TestAuthority();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					catch (JOSEException ex) {
						throw new IllegalStateException(ex);
					}
				}
				authority = instance;
			}
		}
		return authority;
	}

	public String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** A valid token with these scopes, issued to a client named after the first one. */
	public String token(String... scopes) {
		Instant now = Instant.now();
		return sign(this.key, issuer(), scopes, now, now.plus(LIFETIME));
	}

	/** A token that expired an hour ago (well past any clock skew a resource server allows). */
	public String expiredToken(String... scopes) {
		Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
		return sign(this.key, issuer(), scopes, hourAgo.minus(LIFETIME), hourAgo);
	}

	/** A token signed by a key this authority does not publish. */
	public String tokenSignedByUnknownKey(String... scopes) {
		Instant now = Instant.now();
		return sign(this.unpublishedKey, issuer(), scopes, now, now.plus(LIFETIME));
	}

	/** A token signed by this authority's key, but naming another issuer. */
	public String tokenFromOtherIssuer(String... scopes) {
		Instant now = Instant.now();
		return sign(this.key, "http://elsewhere.example", scopes, now, now.plus(LIFETIME));
	}

	/** How many tokens the token endpoint has issued (the grant; tokens made by the methods above don't count). */
	public int tokensIssued() {
		return this.issued.get();
	}

	/** While unavailable, the token endpoint answers 503, as an auth-service that is down behind a proxy would. */
	public void setAvailable(boolean available) {
		this.available = available;
	}

	private String sign(RSAKey signingKey, String issuer, String[] scopes, Instant issuedAt, Instant expiresAt) {
		return sign(signingKey, issuer, List.of(scopes), issuedAt, expiresAt);
	}

	/**
	 * A token as auth-service would sign it with {@code signingKey} (RS256, the key's id in the header), issued to a
	 * client named after the first scope; system tests use it to forge tokens with the stack's own key.
	 */
	public static String sign(RSAKey signingKey, String issuer, List<String> scopes, Instant issuedAt,
			Instant expiresAt) {
		String client = scopes.isEmpty() ? "test" : scopes.get(0);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(client)
			.audience(client)
			.claim("client_id", client)
			.claim("scope", scopes)
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/** The client-credentials grant, with the client's id and secret in HTTP Basic (client_secret_basic). */
	private void token(HttpExchange exchange) throws IOException {
		if (!this.available) {
			answer(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
			return;
		}
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String client = client(exchange.getRequestHeaders().getFirst("Authorization"));
		if (client == null) {
			answer(exchange, 401, "{\"error\":\"invalid_client\"}");
		}
		else if (!body.contains("grant_type=client_credentials")) {
			answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
		}
		else {
			this.issued.incrementAndGet();
			answer(exchange, 200, """
					{"access_token":"%s","token_type":"Bearer","expires_in":%d,"scope":"%s"}"""
				.formatted(token(client), LIFETIME.toSeconds(), client));
		}
	}

	/** The client a Basic header names, if its secret is right. */
	private static String client(String authorization) {
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return null;
		}
		String[] idAndSecret = new String(Base64.getDecoder().decode(authorization.substring(6)),
				StandardCharsets.UTF_8)
			.split(":", 2);
		return (idAndSecret.length == 2 && CLIENTS.contains(idAndSecret[0]) && SECRET.equals(idAndSecret[1]))
				? idAndSecret[0] : null;
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** What points a test context at this authority: the issuer its tokens name, order-service's client secret. */
	public static Map<String, Object> properties() {
		TestAuthority authority = get();
		return Map.of("ecommerce.security.issuer", authority.issuer(), "ORDER_SERVICE_CLIENT_SECRET", SECRET);
	}

}
