package com.ecommerce.shared.tracing;

import io.micrometer.tracing.exporter.SpanExportingPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Tracing as every server of the system has it, the gateway included (servlet and reactive alike). */
@AutoConfiguration
@ConditionalOnClass(SpanExportingPredicate.class)
public class SharedTracingAutoConfiguration {

	@Bean
	RequestTraces requestTraces() {
		return new RequestTraces();
	}

}
