package com.ecommerce.shared.error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.web.RequestIds;

/**
 * Turns every failure into the error envelope of the API contract. Bad input of any kind is a 400
 * {@code VALIDATION_ERROR} that names the field; nothing a library says about its internals reaches the caller.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ErrorBody> api(ApiException ex) {
		if (ex.code() == ErrorCode.SERVICE_UNAVAILABLE) {
			return unavailable(ex, DEFAULT_RETRY_AFTER_SECONDS);
		}
		return respond(ex.code(), ex.getMessage(), ex.details());
	}

	/** An outage says when it is worth trying again: the open circuit's wait, or a few seconds. */
	@ExceptionHandler(ServiceUnavailableException.class)
	ResponseEntity<ErrorBody> serviceUnavailable(ServiceUnavailableException ex) {
		Duration retryAfter = ex.retryAfter();
		long seconds = (retryAfter != null)
				? Math.max(1, retryAfter.plusMillis(999).toSeconds()) : DEFAULT_RETRY_AFTER_SECONDS;
		return unavailable(ex, seconds);
	}

	private static ResponseEntity<ErrorBody> unavailable(ApiException ex, long retryAfterSeconds) {
		return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
			.body(body(ErrorCode.SERVICE_UNAVAILABLE, ex.getMessage(), ex.details()));
	}

	@ExceptionHandler(BindException.class) // also MethodArgumentNotValidException, a BindException
	ResponseEntity<ErrorBody> bind(BindException ex) {
		return invalid(fieldErrors(ex.getBindingResult()));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ErrorBody> methodValidation(HandlerMethodValidationException ex) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				String field = (error instanceof org.springframework.validation.FieldError fe) ? fe.getField() : name;
				errors.add(new FieldError(field, error.getDefaultMessage()));
			}
		});
		return invalid(errors);
	}

	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<ErrorBody> typeMismatch(TypeMismatchException ex) {
		String field = (ex instanceof MethodArgumentTypeMismatchException m) ? m.getName() : ex.getPropertyName();
		return invalid(List.of(new FieldError(field, "must be " + describe(ex.getRequiredType()))));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException ex) {
		return invalid(List.of(new FieldError(ex.getParameterName(), "is required")));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException ex) {
		return invalid(List.of(new FieldError(ex.getHeaderName(), "header is required")));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		// The body limit trips inside the JSON parser, which wraps it: look through the whole chain first.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return api(tooLarge);
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return invalid(List.of(describe(jackson)));
			}
		}
		return invalid(List.of(new FieldError("body", "a JSON request body is required")));
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<ErrorBody> noRoute(Exception ex) {
		return respond(ErrorCode.NOT_FOUND, "No route for this path", null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.getSupportedHttpMethods() != null) {
			headers.setAllow(ex.getSupportedHttpMethods());
		}
		return ResponseEntity.status(ErrorCode.METHOD_NOT_ALLOWED.status())
			.headers(headers)
			.body(body(ErrorCode.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not allowed here", null));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorBody> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", null);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return respond(ErrorCode.NOT_ACCEPTABLE, "Responses are application/json", null);
	}

	/** A store that can't be reached is a dependency outage, which callers may retry: 503, not 500. */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<ErrorBody> storeUnavailable(DataAccessException ex) {
		log.warn("Data store unavailable: {}", ex.getMessage());
		return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(body(ErrorCode.SERVICE_UNAVAILABLE, "A data store is unavailable, retry later", null));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		return respond(ErrorCode.INTERNAL_ERROR, "Internal server error", null);
	}

	private static List<FieldError> fieldErrors(BindingResult result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> errors.add(new FieldError(error.getField(), message(error))));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		return errors;
	}

	/** A query value that didn't convert says what was expected, like a JSON body's would. */
	private static String message(org.springframework.validation.FieldError error) {
		if (!error.isBindingFailure()) {
			return error.getDefaultMessage();
		}
		return error.contains(TypeMismatchException.class)
				? "must be " + describe(error.unwrap(TypeMismatchException.class).getRequiredType())
				: "has an invalid value";
	}

	/** The JSON path of a Jackson failure and a message that says what was expected, not how Jackson failed. */
	private static FieldError describe(JacksonException ex) {
		String path = path(ex);
		if (ex instanceof UnrecognizedPropertyException) {
			return new FieldError(path, "is not a known field");
		}
		if (ex instanceof InvalidFormatException invalid) {
			return new FieldError(path, "must be " + describe(invalid.getTargetType()));
		}
		if (ex instanceof MismatchedInputException mismatched && !path.isEmpty()) {
			return new FieldError(path, "must be " + describe(mismatched.getTargetType()));
		}
		if (ex instanceof StreamReadException) {
			return new FieldError(path.isEmpty() ? "body" : path, "is not valid JSON");
		}
		return new FieldError(path.isEmpty() ? "body" : path, "has an invalid value");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.toString(type.getEnumConstants());
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static ResponseEntity<ErrorBody> invalid(List<FieldError> errors) {
		String message = errors.isEmpty() ? "Invalid request"
				: "Invalid request: " + errors.stream().map(FieldError::field).distinct().toList();
		return respond(ErrorCode.VALIDATION_ERROR, message, ErrorBody.fieldErrors(errors));
	}

	private static ResponseEntity<ErrorBody> respond(ErrorCode code, String message, Map<String, Object> details) {
		return ResponseEntity.status(code.status()).body(body(code, message, details));
	}

	private static ErrorBody body(ErrorCode code, String message, Map<String, Object> details) {
		return ErrorBody.of(code, message, RequestIds.current(), details);
	}

}
