package com.ecommerce.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.ecommerce.shared.error.ErrorBody;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.web.RequestIds;

/**
 * The gateway's own answers — no route, no instance, an upstream that can't be reached or didn't answer in time, too
 * many requests — in the API's envelope with the request id, the services' security headers and, for a browser, the
 * CORS headers the services would give, so that a page can read a 429's {@code Retry-After}.
 */
class GatewayErrors {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

	private final JsonMapper json;

	private final CorsConfiguration cors;

	private final Duration retryAfterUnavailable;

	GatewayErrors(JsonMapper json, List<String> allowedOrigins, Duration retryAfterUnavailable) {
		this.json = json;
		this.cors = cors(allowedOrigins);
		this.retryAfterUnavailable = retryAfterUnavailable;
	}

	/** Answers {@code error} in the envelope; once an upstream's answer has begun, nothing can be said any more. */
	Mono<Void> write(ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(error);
		}
		GatewayException answer = answerFor(exchange, error);
		response.setStatusCode(answer.code().status());
		HttpHeaders headers = response.getHeaders();
		// Whatever an upstream's answer had put there (a try before a retry) is not part of this one.
		headers.clear();
		headers.setContentType(MediaType.APPLICATION_JSON);
		securityHeaders(headers);
		if (answer.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, answer.retryAfter().plusMillis(999).toSeconds())));
		}
		corsHeaders(exchange, headers);
		String requestId = exchange.getAttribute(RequestLog.REQUEST_ID);
		byte[] body = this.json.writeValueAsBytes(ErrorBody.of(answer.code(), answer.getMessage(), requestId, null));
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	private GatewayException answerFor(ServerWebExchange exchange, Throwable error) {
		if (error instanceof GatewayException answer) {
			return answer;
		}
		String service = service(exchange);
		if (error instanceof NotFoundException) {
			// The load balancer has no instance of the route's service.
			return unavailable(service + " has no instance available", error);
		}
		if (error instanceof ResponseStatusException status) {
			HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
			if (code == HttpStatus.NOT_FOUND) {
				return new GatewayException(ErrorCode.NOT_FOUND, "No route for this path", null);
			}
			if (code == HttpStatus.GATEWAY_TIMEOUT) {
				// The envelope has no code of its own for a time-out.
				return unavailable(service + " did not answer in time", error);
			}
			if (code == HttpStatus.CONTENT_TOO_LARGE) {
				return new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large", null);
			}
			if (code != null && code.is4xxClientError()) {
				return new GatewayException(ErrorCode.VALIDATION_ERROR, "Invalid request", null);
			}
		}
		if (causedBy(error, ConnectException.class)) {
			return unavailable(service + " could not be reached", error);
		}
		if (causedBy(error, IOException.class)) {
			return unavailable(service + " closed the connection before its answer was complete", error);
		}
		log.error("Unexpected failure of {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
				error);
		return new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error", null);
	}

	private GatewayException unavailable(String message, Throwable error) {
		log.warn("{}: {}", message, error.toString());
		return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, message, this.retryAfterUnavailable);
	}

	private static String service(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "the service";
	}

	static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/** The services' security headers (shared-lib's SecurityHeadersFilter) for an answer that is the gateway's. */
	private static void securityHeaders(HttpHeaders headers) {
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("Cross-Origin-Opener-Policy", "same-origin");
		headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private void corsHeaders(ServerWebExchange exchange, HttpHeaders headers) {
		String origin = exchange.getRequest().getHeaders().getOrigin();
		String allowed = (origin != null) ? this.cors.checkOrigin(origin) : null;
		if (allowed == null) {
			return;
		}
		headers.setAccessControlAllowOrigin(allowed);
		headers.setAccessControlExposeHeaders(this.cors.getExposedHeaders());
		if (Boolean.TRUE.equals(this.cors.getAllowCredentials())) {
			headers.setAccessControlAllowCredentials(true);
		}
		headers.setVary(List.of(HttpHeaders.ORIGIN));
	}

	/** The services' CORS rule (shared-lib's SharedAutoConfiguration): a wildcard never comes with credentials. */
	private static CorsConfiguration cors(List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		if (origins.contains("*")) {
			cors.addAllowedOriginPattern("*");
			cors.setAllowCredentials(false);
		}
		else {
			cors.setAllowedOrigins(origins);
			cors.setAllowCredentials(true);
		}
		cors.setExposedHeaders(List.of(RequestIds.HEADER, HttpHeaders.RETRY_AFTER));
		return cors;
	}

}
