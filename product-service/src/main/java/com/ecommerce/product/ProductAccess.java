package com.ecommerce.product;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.security.AccessRules;

import static com.ecommerce.shared.security.Scopes.BACKOFFICE;
import static com.ecommerce.shared.security.Scopes.ORDER_SERVICE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may call which route (docs/security.md): anyone reads the catalog, staff change it, and only order-service
 * moves stock for an order.
 */
@Configuration(proxyBeanMethods = false)
class ProductAccess {

	@Bean
	AccessRules productAccessRules() {
		return AccessRules.builder()
			.allow(GET, "/api/v1/products/{productId}/movements", BACKOFFICE)
			.anyone(GET, "/api/v1/products")
			.anyone(GET, "/api/v1/products/search")
			.anyone(GET, "/api/v1/products/category/{category}")
			.anyone(GET, "/api/v1/products/brand/{brand}")
			.anyone(GET, "/api/v1/products/{productId}")
			.anyone(GET, "/api/v1/products/{productId}/availability")
			.allow(POST, "/api/v1/products", BACKOFFICE)
			.allow(PUT, "/api/v1/products/{productId}", BACKOFFICE)
			.allow(DELETE, "/api/v1/products/{productId}", BACKOFFICE)
			.allow(POST, "/api/v1/products/{productId}/reserve", ORDER_SERVICE)
			.allow(POST, "/api/v1/products/{productId}/release", ORDER_SERVICE)
			.allow(POST, "/api/v1/products/{productId}/commit", ORDER_SERVICE)
			.allow(POST, "/api/v1/products/{productId}/restock", ORDER_SERVICE)
			.build();
	}

}
