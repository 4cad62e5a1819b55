package com.ecommerce.shared.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The request id of the work in progress. It lives in the logging MDC, so that every log line carries it and the
 * outgoing HTTP calls and AMQP messages made on the same thread can pass it on.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	public static final String TRACE_MDC_KEY = "traceId";

	private static final Pattern ACCEPTABLE = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

	private RequestIds() {
	}

	/** The caller's id when it is a sane token, otherwise a new one (never log what a client sends unchecked). */
	public static String acceptOrGenerate(String candidate) {
		return (candidate != null && ACCEPTABLE.matcher(candidate).matches()) ? candidate : generate();
	}

	public static String generate() {
		return UUID.randomUUID().toString();
	}

	public static String current() {
		return MDC.get(MDC_KEY);
	}

	/** The trace id Micrometer Tracing put in the MDC for the current span; null outside of one. */
	public static String currentTraceId() {
		return MDC.get(TRACE_MDC_KEY);
	}

}
