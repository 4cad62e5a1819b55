package com.ecommerce.transaction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecommerce.shared.security.AccessRules;

import static com.ecommerce.shared.security.Scopes.BACKOFFICE;
import static com.ecommerce.shared.security.Scopes.STOREFRONT;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call which route (docs/security.md): the shop reads the transactions of an order; staff list them all and
 * look after the dead letters.
 */
@Configuration(proxyBeanMethods = false)
class TransactionAccess {

	@Bean
	AccessRules transactionAccessRules() {
		return AccessRules.builder()
			.allow(GET, "/api/v1/transactions/dead-letters", BACKOFFICE)
			.allow(POST, "/api/v1/transactions/dead-letters/redrive", BACKOFFICE)
			.allowWithParameter(GET, "/api/v1/transactions", "orderId", STOREFRONT, BACKOFFICE)
			.allow(GET, "/api/v1/transactions", BACKOFFICE)
			.allow(GET, "/api/v1/transactions/{transactionId}", STOREFRONT, BACKOFFICE)
			.build();
	}

}
