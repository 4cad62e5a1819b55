package com.ecommerce.shared.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.RequestIds;

/**
 * Answers the container's error dispatches (a failure outside any controller, a request Tomcat itself rejects)
 * with the same envelope as everything else, instead of Spring Boot's default error page.
 */
@Hidden // the container's error page, not an operation of the API
@RestController
public class ApiErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ErrorBody> error(HttpServletRequest request) {
		Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (attribute instanceof Integer code) ? code : 500;
		ErrorCode code = switch (status) {
			case 400 -> ErrorCode.VALIDATION_ERROR;
			case 404 -> ErrorCode.NOT_FOUND;
			case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
			case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
			default -> ErrorCode.INTERNAL_ERROR;
		};
		if (causedBy(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), AuthenticationServiceException.class)) {
			// A token that could not be checked at all (auth-service's key set unreachable), not a bad token: the
			// caller's token may be fine, so this is an outage to retry, not a refusal.
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "2")
				.body(ErrorBody.of(ErrorCode.SERVICE_UNAVAILABLE,
						"Access tokens cannot be checked right now: try again shortly", RequestIds.current(), null));
		}
		String message = (code == ErrorCode.INTERNAL_ERROR) ? "Internal server error"
				: HttpStatus.valueOf(code.status().value()).getReasonPhrase();
		return ResponseEntity.status(code.status()).body(ErrorBody.of(code, message, RequestIds.current(), null));
	}

	private static boolean causedBy(Object failure, Class<? extends Throwable> type) {
		for (Throwable cause = (failure instanceof Throwable t) ? t : null; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
