package com.ecommerce.shared.http;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import com.ecommerce.shared.web.RequestIds;

/**
 * Carries the current request id onto every outgoing HTTP call of a {@code RestClient}. The trace goes along by
 * itself: Spring Boot's client observation writes the {@code traceparent} of the call's own span.
 */
public class RequestIdInterceptor implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = RequestIds.current();
		if (requestId != null) {
			request.getHeaders().set(RequestIds.HEADER, requestId);
		}
		return execution.execute(request, body);
	}

}
