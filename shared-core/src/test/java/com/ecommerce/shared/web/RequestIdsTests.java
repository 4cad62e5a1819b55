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

}
