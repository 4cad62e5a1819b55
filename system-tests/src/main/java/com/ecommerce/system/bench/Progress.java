package com.ecommerce.system.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line on stderr every 2 s while a phase runs: done/total, the rate over the last 2 s and over the whole phase.
 * stderr, so that stdout carries only the summary.
 */
final class Progress implements AutoCloseable {

	private static final long PERIOD_MILLIS = 2000;

	private final String phase;

	private final int total;

	private final AtomicInteger done;

	private final AtomicInteger extra;

	private final String extraName;

	private final long start = System.nanoTime();

	private final Thread ticker;

	/** {@code extra} (may be null) is shown as well, e.g. the orders still being polled. */
	Progress(String phase, int total, AtomicInteger done, AtomicInteger extra, String extraName) {
		this.phase = phase;
		this.total = total;
		this.done = done;
		this.extra = extra;
		this.extraName = extraName;
		this.ticker = Thread.ofPlatform().daemon().name("progress").start(this::tick);
	}

	private void tick() {
		int last = 0;
		long lastTime = start;
		while (true) {
			try {
				Thread.sleep(PERIOD_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = System.nanoTime();
			int current = done.get();
			System.err.println(line(current, (current - last) / ((now - lastTime) / 1e9)));
			last = current;
			lastTime = now;
		}
	}

	private String line(int current, double rate) {
		double elapsed = (System.nanoTime() - start) / 1e9;
		String more = extra == null ? "" : ", " + extra.get() + " " + extraName;
		return String.format(Locale.ROOT, "[bench] %s: %d/%d, %.1f/s now, %.1f/s overall, %.0f s%s", phase, current,
				total, rate, current / Math.max(elapsed, 1e-9), elapsed, more);
	}

	@Override
	public void close() {
		ticker.interrupt();
		try {
			ticker.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		System.err.println(String.format(Locale.ROOT, "[bench] %s: %d/%d done in %.1f s", phase, done.get(), total,
				elapsed));
	}

}
