package com.ecommerce.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.security.AccessRules;

import static com.ecommerce.shared.security.Scopes.BACKOFFICE;
import static com.ecommerce.shared.security.Scopes.STOREFRONT;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call which route (docs/security.md): the shop places, reads and cancels orders; staff also list them all,
 * look after the ones that need attention and refund.
 */
@Configuration(proxyBeanMethods = false)
class OrderAccess {

	@Bean
	AccessRules orderAccessRules() {
		return AccessRules.builder()
			.allow(POST, "/api/v1/orders", STOREFRONT, BACKOFFICE)
			.allow(GET, "/api/v1/orders", BACKOFFICE)
			.allow(GET, "/api/v1/orders/needs-attention", BACKOFFICE)
			.allow(GET, "/api/v1/orders/customer/{customerId}", STOREFRONT, BACKOFFICE)
			.allow(GET, "/api/v1/orders/{orderId}", STOREFRONT, BACKOFFICE)
			.allow(GET, "/api/v1/orders/{orderId}/timeline", STOREFRONT, BACKOFFICE)
			.allow(POST, "/api/v1/orders/{orderId}/cancel", STOREFRONT, BACKOFFICE)
			.allow(POST, "/api/v1/orders/{orderId}/recover", BACKOFFICE)
			.allow(POST, "/api/v1/orders/{orderId}/refund", BACKOFFICE)
			.build();
	}

}
