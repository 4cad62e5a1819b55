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

	private final boolean outage;

	public ServiceUnavailableException(String message, Duration retryAfter) {
		this(null, message, retryAfter, false, true);
	}

	public ServiceUnavailableException(String service, String message, Duration retryAfter,
			boolean mayHaveBeenProcessed, boolean outage) {
		super(ErrorCode.SERVICE_UNAVAILABLE, message);
		this.service = service;
		this.retryAfter = retryAfter;
		this.mayHaveBeenProcessed = mayHaveBeenProcessed;
		this.outage = outage;
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

	/**
	 * True when the service could not be reached or said it is down or overloaded (no connection, a time-out, 502,
	 * 503, 504, its circuit open); false when it answered this request with an error of its own (a 500): it is up,
	 * and something about this request breaks it, so asking again later may never help.
	 */
	public boolean outage() {
		return this.outage;
	}

}
