package com.ecommerce.auth;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request that names no {@code scope} is granted all of the client's scopes (RFC 6749 3.3 leaves
 * the default to the server; Spring Authorization Server's is none, a token that can call nothing). So
 * {@code curl -u storefront:SECRET -d grant_type=client_credentials} gives a token that works; a client may still ask
 * for fewer, never for more.
 */
final class DefaultScopes implements AuthenticationConverter {

	private final AuthenticationConverter delegate;

	DefaultScopes(AuthenticationConverter delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = this.delegate.convert(request);
		if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
				&& grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) {
			RegisteredClient registered = client.getRegisteredClient();
			if (registered != null) {
				return new OAuth2ClientCredentialsAuthenticationToken(client, registered.getScopes(),
						grant.getAdditionalParameters());
			}
		}
		return converted;
	}

}
