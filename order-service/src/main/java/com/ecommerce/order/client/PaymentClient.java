package com.ecommerce.order.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.stereotype.Component;

import com.ecommerce.order.OrderProperties;
import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/**
 * payment-service, as the saga uses it. A charge carries no idempotency key of its own, so payment-service keys it
 * by the order id: however often it is retried (by the client, the saga or the recovery job), an order is charged
 * at most once and every repeat gets the first answer.
 */
@Component
public class PaymentClient {

	private final ServiceClient client;

	PaymentClient(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("payment-service", properties.services().paymentUrl());
	}

	/**
	 * @return the completed payment
	 * @throws com.ecommerce.shared.http.DownstreamException 402 {@code PAYMENT_DECLINED} with the failed payment in
	 * its details
	 */
	public Payment charge(Charge charge) {
		return this.client.post(Payment.class, charge, "/api/v1/payments/process");
	}

	/** Every payment made for the order, newest first. */
	public List<Payment> forOrder(String orderId) {
		return Arrays.asList(this.client.get(Payment[].class, "/api/v1/payments/order/{orderId}", orderId));
	}

	public void refund(String paymentId) {
		this.client.post(Payment.class, Map.of(), "/api/v1/payments/{paymentId}/refund", paymentId);
	}

	/** The body of a charge: {@code paymentMethod} null means payment-service's default. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Charge(String orderId, long amount, String paymentMethod, String customerId, String productId) {
	}

	public record Payment(String paymentId, String transactionId, String orderId, long amount, String status,
			String failureReason) {

		public boolean completed() {
			return "completed".equals(this.status);
		}

		public boolean failed() {
			return "failed".equals(this.status);
		}

	}

}
