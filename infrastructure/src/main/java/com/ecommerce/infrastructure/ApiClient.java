package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;

/**
 * A small HTTP client for tests that call a service over real HTTP, as curl or another service would: it never
 * throws on an error status, so a test asserts on status, headers and the JSON body alike. A test context made with
 * {@link WithInfrastructure} has one aimed at its server: {@code @Autowired ApiClient api}, sending a token of
 * {@link TestAuthority} with every scope, since most tests are about what a service does rather than who may ask;
 * {@link #withToken} and {@link #anonymous} make the clients that tests of access need.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Supplier<String> base;

	/** The bearer token each request carries; null for none. */
	private final Supplier<String> token;

	/** A client for a service of this test JVM, with a token of every scope. */
	public ApiClient(int port) {
		this(() -> "http://127.0.0.1:" + port, TestTokens.everyScope(), null);
	}

	/** A client for a running service, {@code http://localhost:3001} say (a trailing slash is dropped), without a token. */
	public ApiClient(String baseUrl) {
		this(() -> baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl, null, null);
	}

	/** The test server's environment, for its management port; null for other servers. */
	private final Environment environment;

	private ApiClient(Supplier<String> base, Supplier<String> token, Environment environment) {
		this.base = base;
		this.token = token;
		this.environment = environment;
	}

	/** A client for the test's own server, whose random port is only known once the server has started. */
	static ApiClient forLocalServer(Environment environment) {
		return new ApiClient(() -> "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"),
				TestTokens.everyScope(), environment);
	}

	/**
	 * A client without a token for the management port of the test's own server ({@code /actuator/*}), which the
	 * services keep apart from the API port.
	 */
	public ApiClient management() {
		if (this.environment == null) {
			throw new IllegalStateException("only the test server's own client knows its management port");
		}
		Environment environment = this.environment;
		return new ApiClient(() -> "http://127.0.0.1:" + environment.getRequiredProperty("local.management.port"),
				null, null);
	}

	/** The same server, each request carrying the token {@code token} supplies (asked again for every request). */
	public ApiClient withToken(Supplier<String> token) {
		return new ApiClient(this.base, token, this.environment);
	}

	/** The same server, each request carrying {@code token}. */
	public ApiClient withToken(String token) {
		return withToken(() -> token);
	}

	/** The same server, without a token. */
	public ApiClient anonymous() {
		return new ApiClient(this.base, null, this.environment);
	}

	/** A request to {@code path} with a time-out, for calls the shortcuts below don't cover. */
	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.get() + path))
			.timeout(Duration.ofSeconds(30));
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token.get());
		}
		return request;
	}

	/** {@code headers} are name, value pairs. */
	public Response get(String path, String... headers) {
		return send(with(request(path), headers).GET());
	}

	public Response post(String path, String json, String... headers) {
		return send(withJson(request(path), headers).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response put(String path, String json, String... headers) {
		return send(withJson(request(path), headers).PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path, String... headers) {
		return send(with(request(path), headers).DELETE());
	}

	/**
	 * Sends {@code request}. A connection that ends before any answer (the server closed it as it was taken, a
	 * full accept queue under a burst of new connections) is tried once more where that can't act twice: a read, or
	 * a write with an {@code Idempotency-Key}, which the services answer once whatever the number of tries. Other
	 * writes fail, as they would for any careful client, since the server may have acted before the connection went.
	 */
	public Response send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		try {
			try {
				return answer(built);
			} catch (HttpTimeoutException e) {
				throw e;
			} catch (IOException e) {
				if (!retriable(built)) {
					throw e;
				}
				return answer(built);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private Response answer(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers(), response.body());
	}

	private static boolean retriable(HttpRequest request) {
		return request.method().equals("GET") || request.headers().firstValue("Idempotency-Key").isPresent();
	}

	public static String encode(String queryValue) {
		return URLEncoder.encode(queryValue, StandardCharsets.UTF_8);
	}

	private static HttpRequest.Builder withJson(HttpRequest.Builder request, String... headers) {
		return with(request.header("Content-Type", "application/json"), headers);
	}

	private static HttpRequest.Builder with(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	/** A response, whatever its status. */
	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}
}
