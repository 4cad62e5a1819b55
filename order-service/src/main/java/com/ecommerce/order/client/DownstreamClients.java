package com.ecommerce.order.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.order.OrderProperties;
import com.ecommerce.shared.http.ServiceClients;

/**
 * The services the saga calls, each behind its HTTP interface on shared-lib's resilient client. The name is the
 * downstream's: it names its retry and circuit breaker ({@code resilience4j.*.instances.product-service.*}).
 */
@Configuration(proxyBeanMethods = false)
class DownstreamClients {

	@Bean
	CustomerClient customerClient(ServiceClients clients, OrderProperties properties) {
		return clients.create(CustomerClient.class, "customer-service", properties.services().customerUrl());
	}

	@Bean
	ProductClient productClient(ServiceClients clients, OrderProperties properties) {
		return clients.create(ProductClient.class, "product-service", properties.services().productUrl());
	}

	@Bean
	PaymentClient paymentClient(ServiceClients clients, OrderProperties properties) {
		return clients.create(PaymentClient.class, "payment-service", properties.services().paymentUrl());
	}

}
