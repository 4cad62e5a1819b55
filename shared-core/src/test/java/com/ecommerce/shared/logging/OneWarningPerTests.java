package com.ecommerce.shared.logging;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OneWarningPerTests {

	private final LoggerContext context = new LoggerContext();

	@Test
	void oneWarningPerIntervalOfTheConfiguredLoggersOnly() {
		OneWarningPer filter = new OneWarningPer();
		filter.setLogger("io.opentelemetry.exporter");
		filter.setInterval("PT10M");
		var exporter = this.context.getLogger("io.opentelemetry.exporter.zipkin.ZipkinSpanExporter");
		var other = this.context.getLogger("com.ecommerce.Other");

		assertThat(filter.decide(null, exporter, Level.WARN, "Failed to export spans", null, null))
			.isEqualTo(FilterReply.NEUTRAL);
		for (int i = 0; i < 5; i++) {
			assertThat(filter.decide(null, exporter, Level.WARN, "Failed to export spans", null, null))
				.isEqualTo(FilterReply.DENY);
			assertThat(filter.decide(null, other, Level.WARN, "something else", null, null))
				.isEqualTo(FilterReply.NEUTRAL);
		}
		assertThat(filter.decide(null, exporter, Level.INFO, "fine", null, null)).isEqualTo(FilterReply.NEUTRAL);
		assertThat(filter.decide(null, exporter, Level.WARN, null, null, null)).as("isWarnEnabled()")
			.isEqualTo(FilterReply.NEUTRAL);
	}

	@Test
	void theNextWarningPassesOnceTheIntervalIsOver() {
		OneWarningPer filter = new OneWarningPer();
		filter.setInterval("PT1M");
		long start = 42;
		assertThat(filter.allow(start)).isTrue();
		assertThat(filter.allow(start + Duration.ofSeconds(59).toNanos())).isFalse();
		assertThat(filter.allow(start + Duration.ofMinutes(1).toNanos())).isTrue();
		assertThat(filter.allow(start + Duration.ofMinutes(1).toNanos() + 1)).isFalse();
	}

}
