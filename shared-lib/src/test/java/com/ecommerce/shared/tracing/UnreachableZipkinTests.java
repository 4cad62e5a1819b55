package com.ecommerce.shared.tracing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zipkin that takes connections and never answers, the worst a collector can do: requests don't wait for it nor fail,
 * and its failure is one warning in the log, not one per batch of spans.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"management.tracing.export.zipkin.read-timeout=2s",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
@WithInfrastructure({}) // no servers needed, only the ApiClient
@ExtendWith(OutputCaptureExtension.class)
class UnreachableZipkinTests {

	// Bound but never accepting: connections wait in the backlog, no answer ever comes.
	private static final ServerSocket blackHole = blackHole();

	@Autowired
	ApiClient api;

	@DynamicPropertySource
	static void zipkin(DynamicPropertyRegistry registry) {
		registry.add("management.tracing.export.zipkin.endpoint",
				() -> "http://127.0.0.1:" + blackHole.getLocalPort() + "/api/v2/spans");
	}

	@AfterAll
	static void close() throws IOException {
		blackHole.close();
	}

	@Test
	void aCollectorThatHangsNeitherSlowsNorFailsRequestsAndIsOneWarning(CapturedOutput output) {
		requestsFor(Duration.ofSeconds(2));
		// The first batch fails once its read time-out is over.
		await().atMost(Duration.ofSeconds(30)).until(() -> exporterWarnings(output) >= 1);
		// Spans keep coming, and every batch of them fails, 2 s each: no second warning.
		requestsFor(Duration.ofSeconds(7));
		assertThat(exporterWarnings(output)).isEqualTo(1);
	}

	/** Requests, one after the other, each answered at once whatever the exporter is doing. */
	private void requestsFor(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			long start = System.nanoTime();
			ApiClient.Response response = this.api.get("/api/v1/things/missing");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(response.status()).isEqualTo(404);
			assertThat(took).isLessThan(Duration.ofSeconds(1)); // the exporter waits 2 s per batch
		}
	}

	private static long exporterWarnings(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("\"logger_name\":\"io.opentelemetry.exporter") && line.contains("\"WARN\""))
			.count();
	}

	private static ServerSocket blackHole() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
