package com.ecommerce.system.bench;

import java.util.Arrays;

/** Percentiles of a set of durations, in milliseconds. Nearest-rank, so every figure is a latency that occurred. */
record Latency(int count, double mean, double p50, double p90, double p95, double p99, double p999, double max) {

	static Latency of(long[] nanos) {
		if (nanos.length == 0) {
			return new Latency(0, 0, 0, 0, 0, 0, 0, 0);
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
		return new Latency(sorted.length, round(mean), pick(sorted, 50), pick(sorted, 90), pick(sorted, 95),
				pick(sorted, 99), pick(sorted, 99.9), round(sorted[sorted.length - 1] / 1e6));
	}

	private static double pick(long[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return round(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6);
	}

	private static double round(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

}
