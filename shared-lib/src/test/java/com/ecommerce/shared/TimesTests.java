package com.ecommerce.shared;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTests {

	private static final Instant EARLY = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant LATE = Instant.parse("2026-01-02T00:00:00Z");

	@Test
	void theLatestInstantWinsWhereverItStands() {
		assertThat(Times.latest(EARLY, LATE)).isEqualTo(LATE);
		assertThat(Times.latest(LATE, EARLY)).isEqualTo(LATE);
		assertThat(Times.latest(EARLY)).isEqualTo(EARLY);
	}

	@Test
	void aDeadlineNotSetIsSkipped() {
		assertThat(Times.latest(EARLY, (Instant) null)).isEqualTo(EARLY);
		assertThat(Times.latest(EARLY, null, LATE, null)).isEqualTo(LATE);
	}

}
