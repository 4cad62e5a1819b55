package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;

/**
 * A small HTTP client for tests that call a service over real HTTP, as curl or another service would: it never
 * throws on an error status, so a test asserts on status, headers and the JSON body alike. A test context made with
 * {@link WithInfrastructure} has one aimed at its server: {@code @Autowired ApiClient api}.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Supplier<String> base;

	public ApiClient(int port) {
		this(() -> "http://127.0.0.1:" + port);
	}

	/** A client for a running service, {@code http://localhost:3001} say (a trailing slash is dropped). */
	public ApiClient(String baseUrl) {
		this(() -> baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
	}

	private ApiClient(Supplier<String> base) {
		this.base = base;
	}

	/** A client for the test's own server, whose random port is only known once the server has started. */
	static ApiClient forLocalServer(Environment environment) {
		return new ApiClient(() -> "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"));
	}

	/** A request to {@code path} with a time-out, for calls the shortcuts below don't cover. */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(30));
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

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
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
