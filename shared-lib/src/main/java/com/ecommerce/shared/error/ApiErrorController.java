package com.ecommerce.shared.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.RequestIds;

/**
 * Answers the container's error dispatches (a failure outside any controller, a request Tomcat itself rejects)
 * with the same envelope as everything else, instead of Spring Boot's default error page.
 */
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
		String message = (code == ErrorCode.INTERNAL_ERROR) ? "Internal server error"
				: HttpStatus.valueOf(code.status().value()).getReasonPhrase();
		return ResponseEntity.status(code.status()).body(ErrorBody.of(code, message, RequestIds.current(), null));
	}

}
