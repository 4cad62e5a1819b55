package com.ecommerce.order.client;

import org.springframework.stereotype.Component;

import com.ecommerce.order.OrderProperties;
import com.ecommerce.shared.http.ServiceClient;
import com.ecommerce.shared.http.ServiceClients;

/** customer-service, as the saga needs it: does the customer exist (a read customer-service serves from its cache). */
@Component
public class CustomerClient {

	private final ServiceClient client;

	CustomerClient(ServiceClients clients, OrderProperties properties) {
		this.client = clients.create("customer-service", properties.services().customerUrl());
	}

	/** @throws com.ecommerce.shared.http.DownstreamException 404 when there is no such customer */
	public void require(String customerId) {
		this.client.get(Object.class, "/api/v1/customers/{customerId}", customerId);
	}

}
