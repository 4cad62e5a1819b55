package com.ecommerce.shared.error;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error envelope: {@code {"success": false, "code", "message", "requestId", "details"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(boolean success, String code, String message, String requestId, Map<String, Object> details) {

	public static ErrorBody of(ErrorCode code, String message, String requestId, Map<String, Object> details) {
		return new ErrorBody(false, code.name(), message, requestId, details);
	}

	public static Map<String, Object> fieldErrors(List<FieldError> errors) {
		return Map.of("errors", errors);
	}

}
