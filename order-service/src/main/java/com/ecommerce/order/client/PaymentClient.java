package com.ecommerce.order.client;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * payment-service, as the saga uses it. A charge carries no idempotency key of its own, so payment-service keys it
 * by the order id: however often it is retried (by the client, the saga or the recovery job), an order is charged
 * at most once and every repeat gets the first answer.
 */
@HttpExchange(url = "/api/v1/payments", accept = MediaType.APPLICATION_JSON_VALUE)
public interface PaymentClient {

	/**
	 * @return the completed payment
	 * @throws com.ecommerce.shared.http.DownstreamException 402 {@code PAYMENT_DECLINED} with the failed payment in
	 * its details
	 */
	@PostExchange(url = "/process", contentType = MediaType.APPLICATION_JSON_VALUE)
	Payment charge(@RequestBody Charge charge);

	/** Every payment made for the order, newest first. */
	@GetExchange("/order/{orderId}")
	List<Payment> forOrder(@PathVariable String orderId);

	/** Refunds a completed payment; a refunded one answers as it is (so a repeat refunds nothing more). */
	@PostExchange("/{paymentId}/refund")
	Payment refund(@PathVariable String paymentId);

	/** The body of a charge; past its {@code deadline}, payment-service won't start it, and refunds one that ends. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Charge(String orderId, long amount, String paymentMethod, String customerId, String productId,
			Instant deadline) {
	}

	record Payment(String paymentId, String transactionId, String orderId, String customerId, long amount,
			String status, String failureReason) {

		public boolean completed() {
			return "completed".equals(this.status);
		}

		public boolean refunded() {
			return "refunded".equals(this.status);
		}

		public boolean failed() {
			return "failed".equals(this.status);
		}

	}

}
