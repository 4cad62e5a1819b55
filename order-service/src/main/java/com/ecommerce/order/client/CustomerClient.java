package com.ecommerce.order.client;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** customer-service, as the saga needs it: does the customer exist (a read customer-service serves from its cache). */
@HttpExchange(url = "/api/v1/customers", accept = MediaType.APPLICATION_JSON_VALUE)
public interface CustomerClient {

	/** @throws com.ecommerce.shared.http.DownstreamException 404 when there is no such customer */
	@GetExchange("/{customerId}")
	void require(@PathVariable String customerId);

}
