package com.ecommerce.shared.http;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import com.ecommerce.shared.messaging.RequestIdMessages;
import com.ecommerce.shared.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;

/** The request id of the work in progress travels on outgoing HTTP calls and AMQP messages, and comes back in. */
class RequestIdPropagationTests {

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void outgoingHttpCallsCarryTheRequestId() throws Exception {
		MDC.put(RequestIds.MDC_KEY, "req-7");
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://product/x"));
		new RequestIdInterceptor().intercept(request, new byte[0], (r, body) -> new MockClientHttpResponse());
		assertThat(request.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-7");
		// The trace is the client observation's to write (ServiceClientTests), not the interceptor's.
		assertThat(request.getHeaders().getFirst("traceparent")).isNull();
	}

	@Test
	void publishedMessagesCarryTheRequestIdAndConsumersGetItBack() {
		MDC.put(RequestIds.MDC_KEY, "req-8");
		Message message = RequestIdMessages.stamp().postProcessMessage(new Message(new byte[0], new MessageProperties()));
		assertThat((String) message.getMessageProperties().getHeader("X-Request-Id")).isEqualTo("req-8");

		MDC.clear();
		assertThat(RequestIdMessages.restore(message)).isEqualTo("req-8");
		assertThat(RequestIds.current()).isEqualTo("req-8");
	}

}
