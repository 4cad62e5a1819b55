package com.ecommerce.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.ecommerce.infrastructure.ApiClient.Response;

/**
 * For what the system does after it answered (an event reaching the worker), or once a fault is over (an order placed
 * again): ask again until it is there.
 */
final class Eventually {

	private Eventually() {
	}

	/** The first non-null answer of {@code probe}, asked every 200 ms; fails after {@code patience}. */
	static <T> T within(Duration patience, Supplier<T> probe) {
		return within(patience, Duration.ofMillis(200), probe);
	}

	/** The first order of 1 that is placed (201), tried every 500 ms; fails after 60 s. */
	static Response placed(Shop shop, String customerId, String productId) {
		return within(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
			Response answer = shop.placeOrder(customerId, productId, 1, null);
			return answer.status() == 201 ? answer : null;
		});
	}

	/**
	 * Returns once the system completes orders again (a new customer's, on a new product): a test starts from a system
	 * that serves, not from the circuits an earlier test's fault left open. Two orders, one after the other: a
	 * half-open circuit lets two calls through and closes once both passed, and an order charges once.
	 */
	static void serving(Shop shop) {
		String customer = shop.newCustomer();
		String product = shop.newProduct(2, 100);
		placed(shop, customer, product);
		placed(shop, customer, product);
	}

	/** The first non-null answer of {@code probe}, asked every {@code interval}; fails after {@code patience}. */
	static <T> T within(Duration patience, Duration interval, Supplier<T> probe) {
		Instant deadline = Instant.now().plus(patience);
		while (true) {
			T answer = probe.get();
			if (answer != null) {
				return answer;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("not there after " + patience.toSeconds() + " s");
			}
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
