package com.ecommerce.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What must hold once a batch of orders has settled, read back through the public APIs only. The batch is every order
 * the system recorded for its customers (also those whose POST answered an error), on products whose stock was known
 * before: each order ended completed, failed or cancelled; stock = initial − the completed quantities, nothing
 * reserved; one completed payment per completed order and none for the others; each completed payment stored once
 * in the worker's history; and no message dead-lettered by the worker, in this batch or any other.
 */
public final class Invariants {

	private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

	private final Shop shop;

	public Invariants(Shop shop) {
		this.shop = shop;
	}

	/** The outcome of one check: orders by status and every violation found (none when the system is consistent). */
	public record Report(int orders, Map<String, Integer> byStatus, List<String> violations, List<String> orderIds) {

		public boolean holds() {
			return violations.isEmpty();
		}

		public int count(String status) {
			return byStatus.getOrDefault(status, 0);
		}

	}

	/**
	 * Checks until everything holds or {@code patience} has passed: an order may still be settling (recovery) and an
	 * event still on its way to the worker. The last report either way.
	 */
	public Report await(Collection<String> customerIds, Map<String, Integer> initialStock, Duration patience) {
		Instant deadline = Instant.now().plus(patience);
		Report report = check(customerIds, initialStock);
		while (!report.holds() && Instant.now().isBefore(deadline)) {
			pause();
			report = check(customerIds, initialStock);
		}
		return report;
	}

	public Report check(Collection<String> customerIds, Map<String, Integer> initialStock) {
		List<String> violations = new ArrayList<>();
		List<JsonNode> orders = ordersOf(customerIds);
		Map<String, Integer> byStatus = new TreeMap<>();
		Map<String, Integer> sold = new TreeMap<>();
		for (JsonNode order : orders) {
			String id = order.get("orderId").asString();
			String status = order.get("orderStatus").asString();
			byStatus.merge(status, 1, Integer::sum);
			if (!FINAL.contains(status)) {
				violations.add(id + " is still " + status);
				continue;
			}
			if (!initialStock.containsKey(order.get("productId").asString())) {
				violations.add(id + " is for product " + order.get("productId").asString() + ", outside the batch");
			}
			if (status.equals("completed")) {
				sold.merge(order.get("productId").asString(), order.get("quantity").asInt(), Integer::sum);
			}
			checkPayments(order, status, violations);
		}
		initialStock.forEach((productId, initial) -> {
			JsonNode product = shop.product(productId);
			int expected = initial - sold.getOrDefault(productId, 0);
			int stock = product.get("stock").asInt();
			int reserved = product.path("reservedStock").asInt();
			if (stock != expected) {
				violations.add(productId + ": stock " + stock + ", expected " + initial + " - "
						+ sold.getOrDefault(productId, 0) + " sold = " + expected);
			}
			if (reserved != 0) {
				violations.add(productId + ": " + reserved + " still reserved");
			}
		});
		int deadLetters = shop.deadLetters().size();
		if (deadLetters > 0) {
			violations.add(deadLetters + " messages in the worker's dead-letter queue");
		}
		return new Report(orders.size(), byStatus, violations,
				orders.stream().map((order) -> order.get("orderId").asString()).toList());
	}

	private void checkPayments(JsonNode order, String status, List<String> violations) {
		String id = order.get("orderId").asString();
		List<JsonNode> completed = shop.paymentsOf(id)
			.stream()
			.filter((payment) -> payment.get("status").asString().equals("completed"))
			.toList();
		if (!status.equals("completed")) {
			if (!completed.isEmpty()) {
				violations.add(id + " is " + status + " but payment " + completed.get(0).get("paymentId").asString()
						+ " is completed");
			}
			return;
		}
		if (completed.size() != 1) {
			violations.add(id + " is completed with " + completed.size() + " completed payments");
			return;
		}
		String transactionId = completed.get(0).get("transactionId").asString();
		if (!transactionId.equals(order.path("transactionId").asString())) {
			violations.add(id + " names transaction " + order.path("transactionId").asString() + ", its payment "
					+ transactionId);
		}
		long stored = shop.historyOf(id)
			.stream()
			.filter((record) -> record.get("transactionId").asString().equals(transactionId))
			.count();
		if (stored == 0) {
			violations.add(id + ": transaction " + transactionId + " is not in the worker's history");
		}
		else if (stored > 1) {
			// An event may be published more than once (the outbox relays at least once); it is stored once.
			violations.add(id + ": transaction " + transactionId + " is stored " + stored + " times");
		}
	}

	private List<JsonNode> ordersOf(Collection<String> customerIds) {
		List<JsonNode> orders = new ArrayList<>();
		for (String customerId : customerIds) {
			for (int page = 1;; page++) {
				JsonNode body = shop.orders
					.get("/api/v1/orders?limit=100&page=" + page + "&customerId=" + customerId)
					.json();
				body.get("data").forEach(orders::add);
				if (page >= body.at("/pagination/totalPages").asInt()) {
					break;
				}
			}
		}
		return orders;
	}

	private static void pause() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
