package com.ecommerce.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** The security headers of the API contract (what helmet gives the seed), on every response. */
public class SecurityHeadersFilter extends OncePerRequestFilter {

	private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	// Swagger UI is a page with its own scripts and styles; the API's "nothing at all" policy would blank it.
	private static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		String uri = request.getRequestURI();
		boolean docs = uri.startsWith("/swagger-ui") || uri.startsWith("/v3/api-docs");
		response.setHeader("Content-Security-Policy", docs ? DOCS_POLICY : API_POLICY);
		if (!docs) {
			response.setHeader("Cache-Control", "no-store");
		}
		chain.doFilter(request, response);
	}

}
