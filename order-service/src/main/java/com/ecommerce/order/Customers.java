package com.ecommerce.order;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/** customer-service, as the saga needs it: does the customer exist (a read customer-service serves from its cache). */
@Component
class Customers {

	private final ServiceClient client;

	Customers(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("customer-service", properties.services().customerUrl());
	}

	/** @throws com.ecommerce.shared.http.DownstreamException 404 when there is no such customer */
	void require(String customerId) {
		this.client.get(Object.class, "/api/v1/customers/{customerId}", customerId);
	}

}
