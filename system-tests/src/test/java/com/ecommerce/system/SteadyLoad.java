package com.ecommerce.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Orders placed by a few clients for as long as something else lasts (a rolling restart, say), each client taking
 * the customers in turn and pausing {@code pace} between its orders, as shoppers do: a load of a known rate, not as
 * much as the machine can take, so that what a test measures is the system's answers, not its saturation.
 */
final class SteadyLoad implements AutoCloseable {

	private final ExecutorService clients;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ConcurrentLinkedQueue<OrderLoad.Placed> answers = new ConcurrentLinkedQueue<>();

	SteadyLoad(Shop shop, List<String> customerIds, String productId, int clientCount, Duration pace) {
		this.clients = Executors.newFixedThreadPool(clientCount);
		for (int client = 0; client < clientCount; client++) {
			int first = client;
			this.clients.submit(() -> {
				for (int i = first; this.running.get(); i += clientCount) {
					String customerId = customerIds.get(i % customerIds.size());
					long begin = System.nanoTime();
					OrderLoad.Placed placed;
					try {
						placed = OrderLoad.Placed.of(customerId, shop.placeOrder(customerId, productId, 1, null),
								Duration.ofNanos(System.nanoTime() - begin));
					}
					catch (RuntimeException ex) {
						placed = new OrderLoad.Placed(customerId, 0, "transport: " + ex, null, null,
								Duration.ofNanos(System.nanoTime() - begin));
					}
					this.answers.add(placed);
					pause(pace);
				}
			});
		}
		this.clients.shutdown();
	}

	/** How many orders have answered so far. */
	int answered() {
		return this.answers.size();
	}

	/** Stops placing orders; every answer, once the orders in flight have answered. */
	List<OrderLoad.Placed> stop() {
		this.running.set(false);
		try {
			if (!this.clients.awaitTermination(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("orders still unanswered 60 s after the load stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return List.copyOf(this.answers);
	}

	@Override
	public void close() {
		this.running.set(false);
		this.clients.shutdownNow();
	}

	private static void pause(Duration pace) {
		try {
			Thread.sleep(pace);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
