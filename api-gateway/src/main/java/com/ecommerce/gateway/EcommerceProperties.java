package com.ecommerce.gateway;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings the gateway shares with the services, under the names the services give them (shared-lib's
 * {@code ecommerce.*}): auth-service as the issuer of tokens, and the browser origins allowed to call.
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(@DefaultValue Security security, @DefaultValue Cors cors) {

	/** A token is verified against the issuer's published keys and must name it as {@code iss}. */
	public record Security(@DefaultValue("http://localhost:3006") String issuer, String jwkSetUri) {

		public String jwkSetUri() {
			return (this.jwkSetUri != null) ? this.jwkSetUri : this.issuer + "/oauth2/jwks";
		}

	}

	/** Origins allowed to call from a browser; {@code *} allows any origin, but then never with credentials. */
	public record Cors(@DefaultValue("http://localhost:3000") List<String> allowedOrigins) {
	}

}
