package com.ecommerce.shared.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.ecommerce.shared.error.ErrorBody;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.error.ErrorWriter;
import com.ecommerce.shared.error.FieldError;

/**
 * Rejects a query parameter given more than once ({@code ?page=1&page=2}). Every parameter of the API is a single
 * value, and guessing which copy the caller meant is how filters get bypassed (HTTP parameter pollution).
 */
public class ParameterPollutionFilter extends OncePerRequestFilter {

	private final ErrorWriter errors;

	public ParameterPollutionFilter(ErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null) {
			List<FieldError> repeated = request.getParameterMap()
				.entrySet()
				.stream()
				.filter((parameter) -> parameter.getValue().length > 1)
				.map(Map.Entry::getKey)
				.sorted()
				.map((name) -> new FieldError(name, "must be given only once"))
				.toList();
			if (!repeated.isEmpty()) {
				this.errors.write(response, ErrorCode.VALIDATION_ERROR,
						"Invalid request: " + repeated.stream().map(FieldError::field).toList(),
						ErrorBody.fieldErrors(repeated));
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
