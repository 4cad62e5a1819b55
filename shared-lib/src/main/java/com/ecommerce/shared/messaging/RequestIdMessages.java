package com.ecommerce.shared.messaging;

import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;

import com.ecommerce.shared.web.RequestIds;

/**
 * The request id on AMQP messages: {@link #stamp()} puts the current one on what is published (added to every
 * RabbitTemplate), {@link #restore(Message)} puts a consumed message's id back in the MDC for the consumer's logs.
 */
public final class RequestIdMessages {

	private RequestIdMessages() {
	}

	public static MessagePostProcessor stamp() {
		return (message) -> {
			String requestId = RequestIds.current();
			if (requestId != null && message.getMessageProperties().getHeader(RequestIds.HEADER) == null) {
				message.getMessageProperties().setHeader(RequestIds.HEADER, requestId);
			}
			return message;
		};
	}

	/** Call in a listener before logging; clear with {@code MDC.remove(RequestIds.MDC_KEY)} when done. */
	public static String restore(Message message) {
		Object header = message.getMessageProperties().getHeader(RequestIds.HEADER);
		String requestId = RequestIds.acceptOrGenerate(header == null ? null : header.toString());
		MDC.put(RequestIds.MDC_KEY, requestId);
		return requestId;
	}

}
