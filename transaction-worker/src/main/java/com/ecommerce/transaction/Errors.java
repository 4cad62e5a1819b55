package com.ecommerce.transaction;

/** Errors as they go into a log line or a dead letter's header: short, one line, no stack trace. */
final class Errors {

	static final int MAX_LENGTH = 300;

	private Errors() {
	}

	static String describe(Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage().lines().findFirst().orElse("") : "";
		String text = error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
	}

}
