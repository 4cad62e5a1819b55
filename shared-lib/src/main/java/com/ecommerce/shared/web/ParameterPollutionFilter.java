package com.ecommerce.shared.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * Rejects a query parameter given more than once ({@code ?page=1&page=2}), or under a name that is not a plain name
 * ({@code ?customerId[$ne]=x}). Every parameter of the API is a single value under a plain name. Guessing which copy
 * the caller meant is how filters get bypassed (HTTP parameter pollution). Any other name Spring's data binder reads
 * as a path into the object it binds ({@code customerId[$ne]} as a key into {@code customerId}, {@code a.b} as a
 * nested field, {@code !a} as a default for {@code a}): it binds a second copy past the check above, or fails inside
 * the binder with an exception no handler can tell from a bug (a 500). Here it is a 400 naming the parameter, known
 * or not, before anything binds it.
 */
public class ParameterPollutionFilter extends OncePerRequestFilter {

	/** Letters, digits, {@code _} and {@code -}: every parameter name of the API, and nothing the binder parses. */
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

	private final ErrorWriter errors;

	public ParameterPollutionFilter(ErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null) {
			List<FieldError> refused = request.getParameterMap()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.map(ParameterPollutionFilter::refusal)
				.flatMap(Optional::stream)
				.toList();
			if (!refused.isEmpty()) {
				this.errors.write(response, ErrorCode.VALIDATION_ERROR,
						"Invalid request: " + refused.stream().map(FieldError::field).toList(),
						ErrorBody.fieldErrors(refused));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static Optional<FieldError> refusal(Map.Entry<String, String[]> parameter) {
		if (!PLAIN_NAME.matcher(parameter.getKey()).matches()) {
			return Optional.of(new FieldError(parameter.getKey(), "is not a valid parameter name"));
		}
		if (parameter.getValue().length > 1) {
			return Optional.of(new FieldError(parameter.getKey(), "must be given only once"));
		}
		return Optional.empty();
	}

}
