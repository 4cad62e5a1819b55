package com.ecommerce.payment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.security.AccessRules;

import static com.ecommerce.shared.security.Scopes.BACKOFFICE;
import static com.ecommerce.shared.security.Scopes.ORDER_SERVICE;
import static com.ecommerce.shared.security.Scopes.STOREFRONT;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call which route (docs/security.md): money moves only through order-service (charges and refunds); the
 * shop reads the payments of an order, staff list them all.
 */
@Configuration(proxyBeanMethods = false)
class PaymentAccess {

	@Bean
	AccessRules paymentAccessRules() {
		return AccessRules.builder()
			.allow(POST, "/api/v1/payments/process", ORDER_SERVICE)
			.allow(POST, "/api/v1/payments/{paymentId}/refund", ORDER_SERVICE)
			.allow(GET, "/api/v1/payments", BACKOFFICE)
			.allow(GET, "/api/v1/payments/queue/status", BACKOFFICE)
			.allow(GET, "/api/v1/payments/order/{orderId}", STOREFRONT, BACKOFFICE, ORDER_SERVICE)
			.allow(GET, "/api/v1/payments/{paymentId}", STOREFRONT, BACKOFFICE, ORDER_SERVICE)
			.build();
	}

}
