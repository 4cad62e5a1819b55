package com.ecommerce.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs calls at the same moment, for tests of races: every call waits at a start gate on its own thread, and the
 * gate opens once all are ready, so they hit the service together rather than one after another.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/** {@code n} times the same call; the results in submission order. */
	public static <T> List<T> run(int n, Callable<T> call) {
		return run(n, (i) -> call);
	}

	/** Call {@code i} (0 ≤ i < n) made by {@code calls}; the results in order of i. */
	public static <T> List<T> run(int n, IntFunction<Callable<T>> calls) {
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch ready = new CountDownLatch(n);
			CountDownLatch gate = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				Callable<T> call = calls.apply(i);
				futures.add(threads.submit(() -> {
					ready.countDown();
					gate.await();
					return call.call();
				}));
			}
			ready.await();
			gate.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			threads.shutdownNow();
		}
	}

}
