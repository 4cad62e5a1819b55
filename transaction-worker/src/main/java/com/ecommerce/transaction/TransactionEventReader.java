package com.ecommerce.transaction;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.ecommerce.shared.messaging.TransactionEvent;
import com.ecommerce.shared.web.ResourceId;

/**
 * Reads a message body into a {@link TransactionEvent}. Fields a newer publisher may add are ignored; an event that
 * can't be stored (no id, amount, status, type or time) is as poisonous as one that isn't JSON.
 */
@Component
class TransactionEventReader {

	private final ObjectReader reader;

	TransactionEventReader(JsonMapper json) {
		this.reader = json.readerFor(TransactionEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	TransactionEvent read(byte[] body) {
		TransactionEvent event;
		try {
			JsonNode tree = this.reader.readTree(body);
			if (tree == null || !tree.isObject()) {
				throw new InvalidEventException("not a JSON object");
			}
			// The application's mapper reads a missing number as 0 (StrictJson); a missing amount is an error here.
			if (!tree.path("amount").isIntegralNumber()) {
				throw new InvalidEventException("amount must be an integer number of cents");
			}
			event = this.reader.readValue(tree);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("not a transaction event: " + ex.getOriginalMessage());
		}
		if (event.transactionId() == null || !event.transactionId().matches(ResourceId.PATTERN)) {
			throw new InvalidEventException("missing or invalid transactionId");
		}
		if (event.status() == null || event.type() == null || event.timestamp() == null) {
			throw new InvalidEventException("status, type and timestamp are required");
		}
		return event;
	}

	static class InvalidEventException extends RuntimeException {

		InvalidEventException(String message) {
			super(message, null, false, false);
		}

	}

}
