package com.ecommerce.gateway;

import java.net.URI;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.ecommerce.shared.web.RequestIds;

/**
 * First and last on every request: gives it an id (the caller's {@code X-Request-Id} when acceptable, else a new one)
 * that goes upstream and comes back on the answer, turns whatever failed on the way into the gateway's envelope, and
 * logs one line when it is done — with request id, trace id, route, instance, status and duration. The trace is
 * Micrometer Tracing's: the server observation continues the caller's {@code traceparent} (or starts a trace), and the
 * gateway's call upstream carries a {@code traceparent} of its own span in the same trace. {@code Authorization}
 * passes through untouched.
 */
class RequestLog implements WebFilter, Ordered {

	/** The exchange's attribute with the request id, for the gateway's own answers (GatewayErrors). */
	static final String REQUEST_ID = RequestLog.class.getName() + ".requestId";

	private static final Logger log = LoggerFactory.getLogger("http");

	private final GatewayErrors errors;

	RequestLog(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerWebExchange identified = exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(RequestIds.HEADER, requestId)))
			.build();
		identified.getAttributes().put(REQUEST_ID, requestId);
		ServerHttpResponse response = identified.getResponse();
		// Set as the answer goes out: an upstream's answer brings its own copy (the same id), which must not make two.
		response.beforeCommit(() -> {
			response.getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(identified)
			.onErrorResume((error) -> this.errors.write(identified, error))
			.doFinally((signal) -> log(identified, requestId, start));
	}

	private static void log(ServerWebExchange exchange, String requestId, long start) {
		long millis = (System.nanoTime() - start) / 1_000_000;
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		URI upstream = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		String traceId = traceIdOf(exchange);
		try {
			MDC.put(RequestIds.MDC_KEY, requestId);
			putIfPresent(RequestIds.TRACE_MDC_KEY, traceId);
			putIfPresent("route", (route != null) ? route.getId() : null);
			putIfPresent("upstream", (upstream != null && route != null) ? upstream.getScheme() + "://"
					+ upstream.getAuthority() : null);
			String line = "{} {} {} {}ms";
			Object code = (status != null) ? status.value() : "-";
			// Kubernetes and Prometheus poll the probes every few seconds; a line each would drown the real traffic.
			if (path.equals("/healthz") || path.equals("/readyz") || path.startsWith("/actuator")) {
				log.debug(line, method, path, code, millis);
			}
			else {
				log.info(line, method, path, code, millis);
			}
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
			MDC.remove(RequestIds.TRACE_MDC_KEY);
			MDC.remove("route");
			MDC.remove("upstream");
		}
	}

	/**
	 * The trace id of the request's server span. The log line is written when the exchange is done, on whatever thread
	 * finished it, where no span is current (and so no trace id in the MDC): the exchange keeps its observation.
	 */
	static String traceIdOf(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.map(Span::context)
			.map((span) -> span.traceId())
			.orElse(null);
	}

	private static void putIfPresent(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
	}

}
