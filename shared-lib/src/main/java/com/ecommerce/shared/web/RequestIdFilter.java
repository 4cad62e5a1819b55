package com.ecommerce.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when acceptable), echoes it, puts it in the MDC for the
 * request's log lines, and logs one line per finished request. The trace id is Micrometer Tracing's: the server
 * observation, which runs around this filter, continues the caller's {@code traceparent} (or starts a trace) and puts
 * {@code traceId} and {@code spanId} in the MDC while the request's span is current.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("http");

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// An error dispatch of the same request keeps the id chosen on its way in.
		String requestId = (String) request.getAttribute(ATTRIBUTE);
		if (requestId == null) {
			requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
			request.setAttribute(ATTRIBUTE, requestId);
		}
		MDC.put(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!isAsyncDispatch(request) && request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST) {
				long millis = (System.nanoTime() - start) / 1_000_000;
				if (isProbe(request)) {
					log.debug("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
				}
				else {
					log.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
				}
			}
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/** Kubernetes and Prometheus poll these every few seconds; a line each would drown the real traffic. */
	private static boolean isProbe(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.equals("/healthz") || uri.equals("/readyz") || uri.startsWith("/actuator");
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
