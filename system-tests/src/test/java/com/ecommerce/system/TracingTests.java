package com.ecommerce.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.ecommerce.infrastructure.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One order is one trace in Zipkin, from order-service through the services it calls, across the payment outbox and
 * RabbitMQ to the worker; its saga steps are spans in the order they ran, and its timeline names the trace.
 * Zipkin: {@code ZIPKIN_URL} (default http://127.0.0.1:9411), where the stack's services export their spans.
 */
class TracingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> SERVICES = List.of("order-service", "customer-service", "product-service",
			"payment-service", "transaction-worker");

	private final Shop shop = Shop.fromEnvironment();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void anOrderIsOneTraceAcrossTheServicesTheOutboxAndTheWorker() {
		Eventually.serving(this.shop);
		String customer = this.shop.newCustomer();
		String product = this.shop.newProduct(5, 1200);
		// The test starts the trace, so it knows the trace id to look up.
		String traceId = hex(16);
		Response placed = this.shop.orders.post("/api/v1/orders", Shop.orderJson(customer, product, 1), "traceparent",
				"00-" + traceId + "-" + hex(8) + "-01");
		assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		String orderId = placed.json().at("/data/orderId").asString();
		assertThat(placed.json().at("/data/orderStatus").asString()).isEqualTo("completed");

		// Spans leave every service in batches (every 5 s), the worker's after the outbox relay published the event.
		List<JsonNode> spans = Eventually.within(Duration.ofSeconds(90), Duration.ofSeconds(1), () -> {
			List<JsonNode> found = trace(traceId);
			return servicesOf(found).containsAll(SERVICES) ? found : null;
		});

		List<String> sagaSteps = spans.stream()
			.filter((span) -> span.path("name").asString("").startsWith("order."))
			.sorted(Comparator.comparingLong((JsonNode span) -> span.path("timestamp").asLong()))
			.map((span) -> span.path("name").asString())
			.toList();
		assertThat(sagaSteps).containsExactly("order.reserve", "order.pay", "order.commit");

		JsonNode timeline = this.shop.orders.get("/api/v1/orders/" + orderId + "/timeline").json().get("data");
		assertThat(timeline).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.path("traceId").asString()).isEqualTo(traceId));

		// The same id in the log line each service wrote for its part of the order: from a log line to the trace.
		for (String service : SERVICES) {
			assertThat(StackLogs.since(service, 0)).as(service + "'s log").contains("\"traceId\":\"" + traceId + "\"");
		}
	}

	/** The trace's spans as Zipkin has them so far; empty while it has none. */
	private List<JsonNode> trace(String traceId) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(zipkin() + "/api/v2/trace/" + traceId))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				return List.of();
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			List<JsonNode> spans = new ArrayList<>();
			JSON.readTree(response.body()).forEach(spans::add);
			return spans;
		}
		catch (IOException ex) {
			throw new AssertionError("Zipkin at " + zipkin() + " does not answer: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> servicesOf(List<JsonNode> spans) {
		Set<String> services = new HashSet<>();
		for (JsonNode span : spans) {
			services.add(span.path("localEndpoint").path("serviceName").asString(""));
		}
		return services;
	}

	private static String zipkin() {
		String url = System.getenv("ZIPKIN_URL");
		return (url == null || url.isBlank()) ? "http://127.0.0.1:9411" : url.replaceAll("/+$", "");
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return java.util.HexFormat.of().formatHex(random);
	}

}
