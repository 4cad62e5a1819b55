package com.ecommerce.shared.http;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import com.ecommerce.shared.web.RequestIds;
import com.ecommerce.shared.web.TraceContext;

/** Carries the current request id and trace onto every outgoing HTTP call of a {@code RestClient}. */
public class RequestIdInterceptor implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = RequestIds.current();
		if (requestId != null) {
			request.getHeaders().set(RequestIds.HEADER, requestId);
		}
		String traceId = RequestIds.currentTraceId();
		if (traceId != null) {
			request.getHeaders().set(TraceContext.HEADER, TraceContext.traceparent(traceId));
		}
		return execution.execute(request, body);
	}

}
