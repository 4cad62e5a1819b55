package com.ecommerce.shared.error;

import java.util.List;
import java.util.Map;

/**
 * A failure the API answers on purpose, with its code, a message fit for the caller and optional details.
 * Services throw it; {@link ApiExceptionHandler} turns it into the error envelope.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	private final transient Map<String, Object> details;

	public ApiException(ErrorCode code, String message) {
		this(code, message, null);
	}

	public ApiException(ErrorCode code, String message, Map<String, Object> details) {
		super(message, null, false, false);
		this.code = code;
		this.details = details;
	}

	public static ApiException notFound(String what, String id) {
		return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
	}

	public static ApiException conflict(String message) {
		return new ApiException(ErrorCode.CONFLICT, message);
	}

	public static ApiException invalid(String field, String message) {
		return new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid " + field + ": " + message,
				ErrorBody.fieldErrors(List.of(new FieldError(field, message))));
	}

	public ErrorCode code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return this.details;
	}

}
