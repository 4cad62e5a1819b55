package com.ecommerce.shared.http;

/**
 * One attempt of a call failed in a way worth retrying (no connection, a time-out, a 5xx). Only this exception is
 * retried and recorded by the circuit breaker; a 4xx is a normal answer of a working service and never becomes one.
 */
class AttemptFailedException extends RuntimeException {

	private final boolean mayHaveBeenProcessed;

	AttemptFailedException(String message, Throwable cause, boolean mayHaveBeenProcessed) {
		super(message, cause);
		this.mayHaveBeenProcessed = mayHaveBeenProcessed;
	}

	boolean mayHaveBeenProcessed() {
		return this.mayHaveBeenProcessed;
	}

}
