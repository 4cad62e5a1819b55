package com.ecommerce.customer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.security.AccessRules;

import static com.ecommerce.shared.security.Scopes.BACKOFFICE;
import static com.ecommerce.shared.security.Scopes.ORDER_SERVICE;
import static com.ecommerce.shared.security.Scopes.STOREFRONT;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/** Who may call which route (docs/security.md): the shop looks after one customer at a time, staff see them all. */
@Configuration(proxyBeanMethods = false)
class CustomerAccess {

	@Bean
	AccessRules customerAccessRules() {
		return AccessRules.builder()
			.allow(POST, "/api/v1/customers", STOREFRONT, BACKOFFICE)
			.allow(GET, "/api/v1/customers", BACKOFFICE)
			.allow(GET, "/api/v1/customers/search", BACKOFFICE)
			.allow(GET, "/api/v1/customers/{customerId}", STOREFRONT, BACKOFFICE, ORDER_SERVICE)
			.allow(PUT, "/api/v1/customers/{customerId}", STOREFRONT, BACKOFFICE)
			.allow(DELETE, "/api/v1/customers/{customerId}", BACKOFFICE)
			.build();
	}

}
