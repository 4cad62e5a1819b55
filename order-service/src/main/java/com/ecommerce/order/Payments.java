package com.ecommerce.order;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/**
 * payment-service, as the saga uses it. A charge carries no idempotency key of its own, so payment-service keys it
 * by the order id: however often it is retried (by the client, the saga or the recovery job), an order is charged
 * at most once and every repeat gets the first answer.
 */
@Component
class Payments {

	private final ServiceClient client;

	Payments(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("payment-service", properties.services().paymentUrl());
	}

	/**
	 * @return the completed payment
	 * @throws com.ecommerce.shared.http.DownstreamException 402 {@code PAYMENT_DECLINED} with the failed payment in
	 * its details
	 */
	Payment charge(Order order) {
		Map<String, Object> body = new HashMap<>();
		body.put("orderId", order.orderId());
		body.put("amount", order.amount());
		body.put("paymentMethod", order.paymentMethod());
		body.put("customerId", order.customerId());
		body.put("productId", order.productId());
		return this.client.post(Payment.class, body, "/api/v1/payments/process");
	}

	/** Every payment made for the order, newest first. */
	List<Payment> forOrder(String orderId) {
		return Arrays.asList(this.client.get(Payment[].class, "/api/v1/payments/order/{orderId}", orderId));
	}

	void refund(String paymentId) {
		this.client.post(Payment.class, Map.of(), "/api/v1/payments/{paymentId}/refund", paymentId);
	}

	record Payment(String paymentId, String transactionId, String orderId, long amount, String status,
			String failureReason) {

		boolean completed() {
			return "completed".equals(this.status);
		}

		boolean failed() {
			return "failed".equals(this.status);
		}

	}

}
