package com.ecommerce.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.ecommerce.infrastructure.ApiClient.Response;

/**
 * Orders placed by a fixed number of clients while a test does something else (stops a server, say): each client
 * places its next order once its previous one answered. A test waits for a number of answers, not for time.
 */
final class OrderLoad {

	/** One {@code POST /orders} and its answer. */
	record Placed(String customerId, int status, String code, String orderId, String orderStatus, Duration took) {

		static Placed of(String customerId, Response response, Duration took) {
			var body = response.json();
			var data = body.path("data");
			return new Placed(customerId, response.status(), body.path("code").asString(null),
					data.path("orderId").asString(null), data.path("orderStatus").asString(null), took);
		}

		@Override
		public String toString() {
			return status + " " + (code != null ? code : orderStatus) + " in " + took.toMillis() + " ms";
		}

	}

	private final ExecutorService clients;

	private final LinkedBlockingQueue<Placed> answers = new LinkedBlockingQueue<>();

	private final List<Placed> taken = new ArrayList<>();

	private final int total;

	/** One order of quantity 1 of {@code productId} per customer. */
	OrderLoad(Shop shop, List<String> customerIds, String productId, int clientCount) {
		this(shop, customerIds, productId, clientCount, false);
	}

	/**
	 * One order of quantity 1 of {@code productId} per customer; with {@code politely}, a client told 503 waits the
	 * {@code Retry-After} it was given before its next order, as the API asks, and one that got no answer waits 3 s,
	 * so the load lasts through an outage.
	 */
	OrderLoad(Shop shop, List<String> customerIds, String productId, int clientCount, boolean politely) {
		this.total = customerIds.size();
		this.clients = Executors.newFixedThreadPool(clientCount);
		for (String customerId : customerIds) {
			this.clients.submit(() -> {
				long begin = System.nanoTime();
				try {
					Response response = shop.placeOrder(customerId, productId, 1, null);
					this.answers.add(Placed.of(customerId, response, Duration.ofNanos(System.nanoTime() - begin)));
					if (politely && response.status() == 503) {
						pause(Duration.ofSeconds(Long.parseLong(response.header("Retry-After"))));
					}
				}
				catch (RuntimeException ex) {
					this.answers.add(new Placed(customerId, 0, "transport: " + ex, null, null,
							Duration.ofNanos(System.nanoTime() - begin)));
					if (politely) {
						pause(Duration.ofSeconds(3));
					}
				}
			});
		}
		this.clients.shutdown();
	}

	/** Blocks until {@code count} orders in all have answered. */
	void awaitAnswered(int count) {
		while (this.taken.size() < count) {
			take();
		}
	}

	/** How many orders have answered so far. */
	int answered() {
		return this.taken.size() + this.answers.size();
	}

	/** Every answer, once all orders have answered. */
	List<Placed> finish() {
		awaitAnswered(this.total);
		return List.copyOf(this.taken);
	}

	/**
	 * Every answer, once all orders have answered, with {@code outage} lasting from the {@code count}th answer until
	 * {@code count} more (or all) orders have answered.
	 */
	List<Placed> finishAcross(StackControl.Outage outage, int count) {
		awaitAnswered(count);
		outage.during(() -> awaitAnswered(Math.min(this.total, answered() + count)));
		return finish();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void take() {
		try {
			Placed placed = this.answers.poll(120, TimeUnit.SECONDS);
			if (placed == null) {
				throw new IllegalStateException("no order answered within 120 s (" + this.taken.size() + " of "
						+ this.total + " did)");
			}
			this.taken.add(placed);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
