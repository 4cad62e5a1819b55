package com.ecommerce.shared.http;

import java.time.Duration;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * Something this service depends on can't be reached right now: a 503 with {@code Retry-After}. Callers that must
 * compensate (the order saga) read {@link #mayHaveBeenProcessed()}: when true, the downstream may have acted on the
 * request although no answer came back, so "it failed" must not be taken for "it didn't happen".
 */
public class ServiceUnavailableException extends ApiException {

	private final String service;

	private final Duration retryAfter;

	private final boolean mayHaveBeenProcessed;

	public ServiceUnavailableException(String message, Duration retryAfter) {
		this(null, message, retryAfter, false);
	}

	public ServiceUnavailableException(String service, String message, Duration retryAfter,
			boolean mayHaveBeenProcessed) {
		super(ErrorCode.SERVICE_UNAVAILABLE, message);
		this.service = service;
		this.retryAfter = retryAfter;
		this.mayHaveBeenProcessed = mayHaveBeenProcessed;
	}

	/** The downstream service that could not be reached, or null when the failure is not from a ServiceClient. */
	public String service() {
		return this.service;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** True when any attempt may have reached the service and been acted on (a 5xx, a read time-out). */
	public boolean mayHaveBeenProcessed() {
		return this.mayHaveBeenProcessed;
	}

}
