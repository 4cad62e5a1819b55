package com.ecommerce.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.ecommerce.infrastructure.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zipkin down: spans leave in batches off the requests' threads, so orders complete as fast as before, and each
 * service says so in one warning, not one per request.
 */
class TracingCollectorDownTests {

	private static final int ORDERS = 15;

	private static final List<String> SERVICES = List.of("order-service", "customer-service", "product-service",
			"payment-service", "transaction-worker");

	private static final Pattern WARNING = Pattern.compile("\"level\":\"(WARN|ERROR)\"");

	/** A failed export as the exporters log it (OpenTelemetry's Zipkin exporter, the sender). */
	private static final Pattern EXPORT = Pattern.compile("(?i)zipkin|export");

	private final Shop shop = Shop.fromEnvironment();

	@Test
	void ordersCompleteAsFastAndEachServiceWarnsOnce() {
		StackControl.assumeOwned("zipkin", "Zipkin");
		Eventually.serving(this.shop);
		String product = this.shop.newProduct(3 * ORDERS, 900);
		List<String> customers = this.shop.newCustomers(2 * ORDERS);
		placeAll(customers.subList(0, 5), product); // warm
		Duration up = median(placeAll(customers.subList(5, ORDERS), product));

		long[] marks = SERVICES.stream().mapToLong(StackLogs::mark).toArray();
		List<Duration> down = new ArrayList<>();
		StackControl.stopped("zipkin").during(() -> {
			down.addAll(placeAll(customers.subList(ORDERS, 2 * ORDERS), product));
			// Long enough for every service to try an export (every 5 s) and fail.
			Eventually.within(Duration.ofSeconds(30), Duration.ofSeconds(1),
					() -> exportFailures(SERVICES.get(0), marks[0]) > 0 ? true : null);
		});

		assertThat(median(down)).as("median time of an order with Zipkin down, against %s with it up", up)
			.isLessThanOrEqualTo(up.multipliedBy(2).plusMillis(250));
		for (int i = 0; i < SERVICES.size(); i++) {
			assertThat(exportFailures(SERVICES.get(i), marks[i])).as(SERVICES.get(i) + ": warnings about the export")
				.isLessThanOrEqualTo(1);
		}
	}

	private List<Duration> placeAll(List<String> customers, String product) {
		List<Duration> took = new ArrayList<>();
		for (String customer : customers) {
			long start = System.nanoTime();
			// Sampled whatever the stack's sampling rate: every order has spans to export, or fail to.
			Response placed = this.shop.orders.post("/api/v1/orders", Shop.orderJson(customer, product, 1),
					"traceparent", "00-" + hex(16) + "-" + hex(8) + "-01");
			took.add(Duration.ofNanos(System.nanoTime() - start));
			assertThat(placed.status()).as(placed.body()).isEqualTo(201);
		}
		return took;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
		return java.util.HexFormat.of().formatHex(random);
	}

	private static Duration median(List<Duration> durations) {
		return durations.stream().sorted().toList().get(durations.size() / 2);
	}

	private static long exportFailures(String service, long mark) {
		return StackLogs.since(service, mark).lines().filter((line) -> WARNING.matcher(line).find() && EXPORT.matcher(line).find())
			.count();
	}

}
