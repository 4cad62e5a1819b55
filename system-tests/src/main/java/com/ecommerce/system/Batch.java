package com.ecommerce.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** The set-up of a run: {@code count} things (customers, products) made by a few clients at once, in order. */
public final class Batch {

	private Batch() {
	}

	/**
	 * Thing {@code i} is {@code make.apply(i)}; {@code done} counts those made (for progress lines). The first
	 * failure stops the batch and is thrown.
	 */
	public static <T> List<T> make(int count, int concurrency, IntFunction<T> make, AtomicInteger done) {
		Object[] made = new Object[count];
		AtomicInteger next = new AtomicInteger();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		List<Thread> clients = new ArrayList<>();
		for (int c = 0; c < Math.min(concurrency, count); c++) {
			clients.add(Thread.ofVirtual().start(() -> {
				for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
					try {
						made[i] = make.apply(i);
						done.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
					}
				}
			}));
		}
		for (Thread client : clients) {
			try {
				client.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		@SuppressWarnings("unchecked")
		List<T> result = (List<T>) Arrays.asList(made);
		return List.copyOf(result);
	}

}
