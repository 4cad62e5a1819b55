package com.ecommerce.order;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/**
 * product-service's stock, as the saga uses it. Every call carries the order id, which makes it idempotent on the
 * other side: a retried reserve takes stock once, a repeated release gives it back once.
 */
@Component
class Inventory {

	private final ServiceClient client;

	Inventory(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("product-service", properties.services().productUrl());
	}

	/**
	 * Takes the order's quantity from stock at today's price.
	 * @throws com.ecommerce.shared.http.DownstreamException 404 for an unknown product, 409 when stock is short
	 */
	Reservation reserve(Order order) {
		return this.client.post(Reservation.class, Map.of("orderId", order.orderId(), "quantity", order.quantity()),
				"/api/v1/products/{productId}/reserve", order.productId());
	}

	/** Gives back what the order reserved; a 404 means nothing was reserved (or the product is gone). */
	void release(Order order) {
		this.client.post(Object.class, Map.of("orderId", order.orderId(), "quantity", order.quantity()),
				"/api/v1/products/{productId}/release", order.productId());
	}

	/** Turns the order's reservation into a sale. */
	void commit(Order order) {
		this.client.post(Object.class, Map.of("orderId", order.orderId()), "/api/v1/products/{productId}/commit",
				order.productId());
	}

	record Reservation(String orderId, int quantity, long unitPrice, int remainingStock) {
	}

}
