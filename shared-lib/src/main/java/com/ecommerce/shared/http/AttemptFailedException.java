package com.ecommerce.shared.http;

/**
 * One attempt of a call failed in a way worth retrying (no connection, a time-out, a 5xx). Only this exception is
 * retried, and recorded by the circuit breaker when it is an outage; a 4xx is a normal answer of a working service and
 * never becomes one.
 */
class AttemptFailedException extends RuntimeException {

	private final boolean mayHaveBeenProcessed;

	private final boolean outage;

	AttemptFailedException(String message, Throwable cause, boolean mayHaveBeenProcessed, boolean outage) {
		super(message, cause);
		this.mayHaveBeenProcessed = mayHaveBeenProcessed;
		this.outage = outage;
	}

	/** No answer, or one saying the service is down or overloaded (502, 503, 504), rather than a 500 of its own. */
	boolean outage() {
		return this.outage;
	}

	boolean mayHaveBeenProcessed() {
		return this.mayHaveBeenProcessed;
	}

}
