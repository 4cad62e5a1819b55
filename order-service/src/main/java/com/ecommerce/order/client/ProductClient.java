package com.ecommerce.order.client;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.ecommerce.order.OrderProperties;
import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/**
 * product-service's stock, as the saga uses it. Every call carries the order id, which makes it idempotent on the
 * other side: a retried reserve takes stock once, a repeated release gives it back once.
 */
@Component
public class ProductClient {

	private final ServiceClient client;

	ProductClient(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("product-service", properties.services().productUrl());
	}

	/**
	 * Takes {@code quantity} of the product from stock for the order, at today's price.
	 * @throws com.ecommerce.shared.http.DownstreamException 404 for an unknown product, 409 when stock is short
	 */
	public Reservation reserve(String productId, String orderId, int quantity) {
		return this.client.post(Reservation.class, Map.of("orderId", orderId, "quantity", quantity),
				"/api/v1/products/{productId}/reserve", productId);
	}

	/** Gives back what the order reserved; a 404 means nothing was reserved (or the product is gone). */
	public void release(String productId, String orderId, int quantity) {
		this.client.post(Object.class, Map.of("orderId", orderId, "quantity", quantity),
				"/api/v1/products/{productId}/release", productId);
	}

	/** Turns the order's reservation into a sale. */
	public void commit(String productId, String orderId) {
		this.client.post(Object.class, Map.of("orderId", orderId), "/api/v1/products/{productId}/commit", productId);
	}

	public record Reservation(String orderId, int quantity, long unitPrice, int remainingStock) {
	}

}
