package com.ecommerce.transaction;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;

import com.ecommerce.shared.messaging.TransactionTopology;
import com.ecommerce.shared.web.RequestIds;

/**
 * A message in the dead-letter queue as operators see it: {@code body} is the JSON it carried, or its text when it
 * wasn't JSON; {@code error} is why its last attempt failed.
 */
record DeadLetter(String messageId, Object body, String error, Integer attempts, String requestId) {

	static final String ATTEMPTS_HEADER = "x-attempts";

	static DeadLetter of(Message message, JsonMapper json) {
		var properties = message.getMessageProperties();
		return new DeadLetter(properties.getMessageId(), body(message.getBody(), json),
				text(properties.getHeader(TransactionTopology.ERROR_HEADER)),
				number(properties.getHeader(ATTEMPTS_HEADER)), text(properties.getHeader(RequestIds.HEADER)));
	}

	private static Object body(byte[] body, JsonMapper json) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private static String text(Object header) {
		return (header != null) ? header.toString() : null;
	}

	private static Integer number(Object header) {
		return (header instanceof Number number) ? number.intValue() : null;
	}

}
