package com.ecommerce.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the millisecond precision that MongoDB stores and the API prints. */
public final class Times {

	private Times() {
	}

	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
