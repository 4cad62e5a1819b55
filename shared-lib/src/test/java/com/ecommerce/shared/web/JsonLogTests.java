package com.ecommerce.shared.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every log line is one JSON object with the service, the level, the request id and the trace id. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@WithInfrastructure({}) // no servers needed, only the ApiClient
@ExtendWith(OutputCaptureExtension.class)
class JsonLogTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApiClient api;

	@Test
	void aRequestLogsOneJsonLineWithItsIds(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		this.api.get("/api/v1/things/missing", "X-Request-Id", "log-test-1", "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");

		// The access line is written once the response has gone, so it may come a moment after the answer.
		JsonNode line = await().atMost(Duration.ofSeconds(5)).until(() -> accessLine(output, "log-test-1"), (found) -> found != null);
		assertThat(line.get("message").asString()).startsWith("GET /api/v1/things/missing 404");
		assertThat(line.get("level").asString()).isEqualTo("INFO");
		assertThat(line.get("service").asString()).isEqualTo("test-service"); // spring.application.name of src/test/resources
		assertThat(line.get("requestId").asString()).isEqualTo("log-test-1");
		assertThat(line.get("traceId").asString()).isEqualTo(traceId);
		assertThat(line.has("@timestamp")).isTrue();
	}

	private static JsonNode accessLine(CapturedOutput output, String requestId) {
		return output.getOut()
			.lines()
			.filter((text) -> text.startsWith("{") && text.contains(requestId))
			.map(JSON::readTree)
			.filter((json) -> "http".equals(json.path("logger_name").asString()))
			.findFirst()
			.orElse(null);
	}

}
