package com.ecommerce.shared.security;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.error.ErrorWriter;

/**
 * The one security set-up of every service: a stateless OAuth2 resource server that checks each call's bearer token
 * (signature against auth-service's published keys, issuer, expiry; see ecommerce-defaults.properties) and holds it to
 * the service's {@link AccessRules}. Refusals speak the API's error envelope with the request id: 401
 * {@code UNAUTHORIZED} with {@code WWW-Authenticate} when the token is missing or invalid, 403 {@code FORBIDDEN} when
 * its scopes don't allow the call.
 */
public final class ApiSecurity {

	/** Probes must answer without a token: Kubernetes and compose call them bare. */
	private static final String[] PROBES = { "/healthz", "/readyz" };

	/**
	 * The OpenAPI document and Swagger UI describe the API, they hold no data; the UI can only load them without a
	 * token (its Authorize button gets one afterwards). They are on only where springdoc is enabled: not in compose.
	 */
	private static final String[] API_DOCS = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**" };

	private ApiSecurity() {
	}

	/**
	 * @param managementPort matches the requests that arrive on the management port, when it is not the API's
	 */
	public static SecurityFilterChain filterChain(HttpSecurity http, AccessRules access, RequestMatcher managementPort,
			ErrorWriter errors) throws Exception {
		AuthenticationEntryPoint unauthorized = unauthorized(errors);
		AccessDeniedHandler forbidden = forbidden(errors);
		http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: nothing a forged request could ride on
			.cors(AbstractHttpConfigurer::disable) // shared-lib's CorsFilter answers before security runs
			.headers(AbstractHttpConfigurer::disable) // SecurityHeadersFilter writes them on every answer
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				// An error page rendering a refusal or a failure decided earlier must not be refused again.
				requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				requests.requestMatchers(PROBES).permitAll();
				requests.requestMatchers(API_DOCS).permitAll();
				for (AccessRules.Rule rule : access.rules()) {
					var route = requests.requestMatchers(matcher(rule));
					if (rule.isPublic()) {
						route.permitAll();
					}
					else {
						route.hasAnyAuthority(rule.scopes().stream().map(Scopes::authority).toArray(String[]::new));
					}
				}
				// Management endpoints live on the management port, which is never published to clients (compose,
				// Kubernetes): scrapers and probes call it without a token. Should they share the API port after all,
				// they are for staff only.
				requests.requestMatchers(managementPort).permitAll();
				requests.requestMatchers("/actuator/**").hasAuthority(Scopes.authority(Scopes.BACKOFFICE));
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}).authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden));
		return http.build();
	}

	private static RequestMatcher matcher(AccessRules.Rule rule) {
		RequestMatcher route = PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.path());
		if (rule.parameter() == null) {
			return route;
		}
		String parameter = rule.parameter();
		return new AndRequestMatcher(route, (request) -> request.getParameter(parameter) != null);
	}

	/** 401: Spring's entry point writes the {@code WWW-Authenticate} challenge, the envelope follows. */
	static AuthenticationEntryPoint unauthorized(ErrorWriter errors) {
		BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			challenge.commence(request, response, ex);
			String message = (ex instanceof InvalidBearerTokenException)
					? "The access token is invalid or expired: get a new one from auth-service"
					: "An access token is required: send Authorization: Bearer <token>";
			errors.write(response, ErrorCode.UNAUTHORIZED, message, null);
		};
	}

	/** 403: the token is valid, its scopes don't cover this call. */
	static AccessDeniedHandler forbidden(ErrorWriter errors) {
		BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
		return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) -> {
			challenge.handle(request, response, ex);
			errors.write(response, ErrorCode.FORBIDDEN,
					"This token's scope does not allow " + request.getMethod() + " " + request.getRequestURI(),
					null);
		};
	}

}
