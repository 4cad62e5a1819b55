package com.ecommerce.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * logback-spring.xml: any application with shared-core on its classpath, servlet or reactive, logs one JSON object per
 * line with its name and the request id of the work in progress; the dev profile reads better.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void anApplicationLogsOneJsonObjectPerLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("json-app")) {
			log("json-line-1");
		}
		JsonNode line = JSON.readTree(line(output, "json-line-1"));
		assertThat(line.get("service").asString()).isEqualTo("json-app");
		assertThat(line.get("level").asString()).isEqualTo("INFO");
		assertThat(line.get("requestId").asString()).isEqualTo("req-json-line-1");
		assertThat(line.get("message").asString()).isEqualTo("json-line-1");
		assertThat(line.has("@timestamp")).isTrue();
	}

	@Test
	void theDevProfileLogsReadableLines(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("dev-app", "--spring.profiles.active=dev")) {
			log("dev-line-1");
		}
		assertThat(line(output, "dev-line-1")).doesNotStartWith("{").contains("dev-app", "[req-dev-line-1]");
	}

	private static ConfigurableApplicationContext run(String name, String... args) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.application.name", name));
		return application.run(args);
	}

	private static void log(String message) {
		MDC.put(RequestIds.MDC_KEY, "req-" + message);
		try {
			LoggerFactory.getLogger(JsonLogTests.class).info(message);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private static String line(CapturedOutput output, String message) {
		return output.getOut()
			.lines()
			.filter((text) -> text.contains(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line " + message + " in\n" + output.getOut()));
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
