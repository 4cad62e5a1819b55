package com.ecommerce.shared.tracing;

import java.lang.reflect.Proxy;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTracesTests {

	private final RequestTraces traces = new RequestTraces();

	@Test
	void aRequestServedAMessageConsumedAndTheirChildrenAreExported() {
		assertThat(this.traces.isExportable(span(Span.Kind.SERVER, null))).isTrue();
		assertThat(this.traces.isExportable(span(Span.Kind.CONSUMER, null))).isTrue();
		assertThat(this.traces.isExportable(span(Span.Kind.CLIENT, "a1b2c3d4e5f60718"))).as("a call for a request")
			.isTrue();
		assertThat(this.traces.isExportable(span(null, null))).as("a named piece of work: a recovered order").isTrue();
	}

	@Test
	void aLoneCallOrStoreCommandOfTheBackgroundIsNot() {
		assertThat(this.traces.isExportable(span(Span.Kind.CLIENT, null))).isFalse();
		assertThat(this.traces.isExportable(span(Span.Kind.CLIENT, ""))).isFalse();
	}

	/** A finished span with only what the predicate reads. */
	private static FinishedSpan span(Span.Kind kind, String parentId) {
		return (FinishedSpan) Proxy.newProxyInstance(FinishedSpan.class.getClassLoader(),
				new Class<?>[] { FinishedSpan.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getKind" -> kind;
					case "getParentId" -> parentId;
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
