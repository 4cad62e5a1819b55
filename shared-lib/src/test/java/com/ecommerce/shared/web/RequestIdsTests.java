package com.ecommerce.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void keepsASaneCallerId() {
		assertThat(RequestIds.acceptOrGenerate("req-123_abc.9")).isEqualTo("req-123_abc.9");
	}

	@Test
	void replacesAnUnsafeOrOversizedId() {
		assertThat(RequestIds.acceptOrGenerate("bad id\nforged log line")).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrGenerate("x".repeat(129))).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrGenerate(null)).matches("[0-9a-f-]{36}");
	}

	@Test
	void keepsAValidTraceparentsTraceId() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		assertThat(TraceContext.traceIdFrom("00-" + traceId + "-00f067aa0ba902b7-01")).isEqualTo(traceId);
		assertThat(TraceContext.traceIdFrom("garbage")).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
		assertThat(TraceContext.traceparent(traceId)).matches("00-" + traceId + "-[0-9a-f]{16}-01");
	}

}
