package com.ecommerce.shared.error;

import org.springframework.http.HttpStatus;

/** The error codes of the API contract, each with the HTTP status it is always answered with. */
public enum ErrorCode {

	VALIDATION_ERROR(HttpStatus.BAD_REQUEST),
	UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
	FORBIDDEN(HttpStatus.FORBIDDEN),
	PAYMENT_DECLINED(HttpStatus.PAYMENT_REQUIRED),
	NOT_FOUND(HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
	CONFLICT(HttpStatus.CONFLICT),
	INSUFFICIENT_STOCK(HttpStatus.CONFLICT),
	INVALID_STATE(HttpStatus.CONFLICT),
	IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT),
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

	private final HttpStatus status;

	ErrorCode(HttpStatus status) {
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
