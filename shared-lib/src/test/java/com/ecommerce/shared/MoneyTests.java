package com.ecommerce.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTests {

	@Test
	void aTotalWithinTheBoundIsExact() {
		assertThat(Money.total(1999, 3)).hasValue(5997);
		assertThat(Money.total(Money.MAX_CENTS, 1)).hasValue(Money.MAX_CENTS);
		assertThat(Money.total(0, 1000)).hasValue(0);
	}

	@Test
	void aTotalOverTheBoundIsNone() {
		assertThat(Money.total(Money.MAX_CENTS, 2)).isEmpty();
		assertThat(Money.total(Money.MAX_CENTS + 1, 1)).isEmpty();
	}

	@Test
	void aTotalThatWouldOverflowIsNoneRatherThanWrappedAround() {
		// 9e18 × 2 wraps to a negative long, × 3 to a positive one: neither may pass as an amount.
		assertThat(Money.total(9_000_000_000_000_000_000L, 2)).isEmpty();
		assertThat(Money.total(9_000_000_000_000_000_000L, 3)).isEmpty();
		assertThat(Money.total(Long.MAX_VALUE, 1000)).isEmpty();
	}

}
