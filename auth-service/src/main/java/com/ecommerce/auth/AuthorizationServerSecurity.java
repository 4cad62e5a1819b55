package com.ecommerce.auth;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Authorization Server's endpoints: the token endpoint (client credentials; clients, hashed secrets, scopes and
 * token lifetime from {@code spring.security.oauth2.authorizationserver.client.*}), the key set
 * ({@code /oauth2/jwks}) and the server's metadata ({@code /.well-known/oauth-authorization-server}). Everything else
 * of this service (its probes) goes through shared-lib's chain like any service's.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.tokenEndpoint((token) -> token.accessTokenRequestConverters((converters) -> converters
				.replaceAll((converter) -> (converter instanceof OAuth2ClientCredentialsAuthenticationConverter)
						? new DefaultScopes(converter) : converter)));
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// Clients authenticate with their secret on each request; no session, no cookie, nothing to forge.
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	SigningKeys signingKeys(SigningKeyProperties properties) {
		return SigningKeys.load(properties);
	}

	/** Published at /oauth2/jwks (public parts only) and used to sign. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return new ImmutableJWKSet<>(keys.keySet());
	}

	/**
	 * Names the active key in every token's header: with a second key published during a rotation, the encoder must be
	 * told which one signs, and resource servers look the key up by this id.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> signWithTheActiveKey(SigningKeys keys) {
		String keyId = keys.active().getKeyID();
		return (context) -> context.getJwsHeader().keyId(keyId);
	}

}
