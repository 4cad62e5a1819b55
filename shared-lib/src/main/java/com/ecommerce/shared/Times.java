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

	/** The latest of the instants given, skipping nulls (a deadline not set). */
	public static Instant latest(Instant first, Instant... others) {
		Instant latest = first;
		for (Instant other : others) {
			if (other != null && (latest == null || other.isAfter(latest))) {
				latest = other;
			}
		}
		return latest;
	}

}
