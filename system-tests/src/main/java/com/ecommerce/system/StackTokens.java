package com.ecommerce.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for the running stack's clients ({@code storefront}, {@code backoffice}, {@code order-service}), got
 * from its auth-service with the client-credentials grant, as {@code scripts/stack token} does: the secrets come
 * from {@code CLIENT_SECRET} variables ({@code STOREFRONT_SECRET}, …) or else from the stack's
 * {@code .local/auth/clients.env}; auth-service from {@code AUTH_URL}, else {@code http://localhost:3006}. A token is
 * kept until a minute before it expires.
 */
public final class StackTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String tokenUrl;

	private final Map<String, String> secrets;

	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private record Held(String token, Instant renewAt) {
	}

	public StackTokens(String authUrl, Map<String, String> secrets) {
		this.tokenUrl = authUrl + "/oauth2/token";
		this.secrets = Map.copyOf(secrets);
	}

	public static StackTokens fromEnvironment() {
		String url = System.getenv().getOrDefault("AUTH_URL", "http://localhost:3006");
		Map<String, String> secrets = new HashMap<>(stackSecrets());
		System.getenv().forEach((name, value) -> {
			if (name.endsWith("_SECRET") && !name.startsWith("AUTH_")) {
				secrets.put(name, value);
			}
		});
		return new StackTokens(url, secrets);
	}

	/** The same clients, their tokens asked of {@code authUrl} (the api-gateway, which routes the token endpoint). */
	public StackTokens via(String authUrl) {
		return new StackTokens(authUrl, this.secrets);
	}

	/** Tokens of {@code client}, each call giving one that is valid for at least another minute. */
	public Supplier<String> of(String client) {
		return () -> token(client);
	}

	public String token(String client) {
		Held current = this.held.get(client);
		if (current == null || Instant.now().isAfter(current.renewAt())) {
			current = this.held.compute(client,
					(name, old) -> (old != null && Instant.now().isBefore(old.renewAt())) ? old : fetch(name));
		}
		return current.token();
	}

	private Held fetch(String client) {
		String secret = this.secrets.get(client.toUpperCase().replace('-', '_') + "_SECRET");
		if (secret == null) {
			throw new IllegalStateException("No secret for client " + client
					+ ": start the stack (scripts/stack up) or set " + client.toUpperCase().replace('-', '_') + "_SECRET");
		}
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.tokenUrl))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"auth-service refused " + client + ": " + response.statusCode() + " " + response.body());
			}
			JsonNode body = JSON.readTree(response.body());
			Instant expiresAt = Instant.now().plusSeconds(body.get("expires_in").asLong());
			return new Held(body.get("access_token").asString(), expiresAt.minus(RENEW_BEFORE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("auth-service does not answer at " + this.tokenUrl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code NAME_SECRET=value} lines of the stack's clients.env (values are plain: made of URL-safe base64). */
	private static Map<String, String> stackSecrets() {
		Path file = Path.of(System.getenv().getOrDefault("STACK_HOME", ".local"), "auth", "clients.env");
		if (!Files.isReadable(file)) {
			return Map.of();
		}
		Map<String, String> secrets = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				int equals = line.indexOf('=');
				if (equals > 0 && line.substring(0, equals).endsWith("_SECRET")) {
					secrets.put(line.substring(0, equals), line.substring(equals + 1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return secrets;
	}

}
