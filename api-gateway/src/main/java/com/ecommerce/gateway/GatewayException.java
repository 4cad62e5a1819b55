package com.ecommerce.gateway;

import java.time.Duration;

import com.ecommerce.shared.error.ErrorCode;

/** An answer the gateway gives itself, in the API's envelope; {@code retryAfter} becomes {@code Retry-After}. */
class GatewayException extends RuntimeException {

	private final ErrorCode code;

	private final Duration retryAfter;

	GatewayException(ErrorCode code, String message, Duration retryAfter) {
		super(message, null, false, false);
		this.code = code;
		this.retryAfter = retryAfter;
	}

	ErrorCode code() {
		return this.code;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
