package com.ecommerce.order.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * product-service's stock, as the saga uses it. Every call carries the order id, which makes it idempotent on the
 * other side: a retried reserve takes stock once, a repeated release gives it back once.
 */
@HttpExchange(url = "/api/v1/products/{productId}", accept = MediaType.APPLICATION_JSON_VALUE,
		contentType = MediaType.APPLICATION_JSON_VALUE)
public interface ProductClient {

	/**
	 * Takes the quantity from stock for the order, at today's price.
	 * @throws com.ecommerce.shared.http.DownstreamException 404 for an unknown product, 409 when stock is short
	 */
	@PostExchange("/reserve")
	Reservation reserve(@PathVariable String productId, @RequestBody StockRequest request);

	/** Gives back what the order reserved; a 404 means nothing was reserved (or the product is gone). */
	@PostExchange("/release")
	void release(@PathVariable String productId, @RequestBody StockRequest request);

	/** Turns the order's reservation into a sale (the quantity is the reservation's: leave it out). */
	@PostExchange("/commit")
	void commit(@PathVariable String productId, @RequestBody StockRequest request);

	/**
	 * Gives back to stock what the order bought (a refund that returns the goods); once per order, a repeat adds
	 * nothing.
	 * @throws com.ecommerce.shared.http.DownstreamException 409 {@code INVALID_STATE} when the order's reservation is
	 * not committed
	 */
	@PostExchange("/restock")
	void restock(@PathVariable String productId, @RequestBody StockRequest request);

	/** What a stock call is about: the order, and how many (none for a commit). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StockRequest(String orderId, Integer quantity) {
	}

	record Reservation(String orderId, int quantity, long unitPrice, int remainingStock) {
	}

}
