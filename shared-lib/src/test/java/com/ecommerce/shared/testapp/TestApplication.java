package com.ecommerce.shared.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

import com.ecommerce.shared.security.AccessRules;
import com.ecommerce.shared.security.Scopes;

/** A minimal service built on shared-lib, to test what every service gets from it. */
@SpringBootApplication
public class TestApplication {

	/** A table like a service's: one open read, reads for the shop, writes for staff. */
	@Bean
	AccessRules accessRules() {
		return AccessRules.builder()
			.anyone(HttpMethod.GET, "/api/v1/things/ok")
			.allow(HttpMethod.GET, "/api/v1/things/{thingId}", Scopes.STOREFRONT, Scopes.BACKOFFICE)
			.allow(HttpMethod.POST, "/api/v1/things", Scopes.BACKOFFICE)
			.build();
	}

}
