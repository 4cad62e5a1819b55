package com.ecommerce.transaction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.ecommerce.shared.config.StrictJson;
import com.ecommerce.shared.messaging.TransactionEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What counts as a storable event, and the retry timing: plain unit tests, no broker. */
class TransactionEventReaderTests {

	private final TransactionEventReader eventReader = new TransactionEventReader(applicationJson());

	@Test
	void readsTheEventAndIgnoresFieldsItDoesNotKnow() {
		String json = Events.charge("txn_1", "completed", Instant.parse("2026-01-01T12:00:00.123Z"))
			.replace("}", ",\"addedLater\":true}");
		TransactionEvent event = read(json);
		assertThat(event.transactionId()).isEqualTo("txn_1");
		assertThat(event.amount()).isEqualTo(2599);
		assertThat(event.type()).isEqualTo(TransactionEvent.Type.charge);
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-01-01T12:00:00.123Z"));
	}

	@Test
	void aBodyThatCannotBeStoredIsInvalid() {
		assertInvalid("{not json", "not a transaction event");
		assertInvalid("null", "not a JSON object");
		assertInvalid("[1]", "not a JSON object");
		String valid = Events.charge("txn_1", "completed", Instant.parse("2026-01-01T12:00:00.123Z"));
		assertInvalid(valid.replace("\"transactionId\":\"txn_1\",", ""), "transactionId");
		assertInvalid(valid.replace("\"transactionId\":\"txn_1\"", "\"transactionId\":\"txn 1\""), "transactionId");
		assertInvalid(valid.replace(",\"timestamp\":\"2026-01-01T12:00:00.123Z\"", ""), "timestamp");
		assertInvalid(valid.replace("\"amount\":2599,", ""), "amount");
		assertInvalid(valid.replace("\"amount\":2599", "\"amount\":\"2599\""), "amount");
		assertInvalid(valid.replace("\"amount\":2599", "\"amount\":25.99"), "amount");
		assertInvalid(valid.replace("\"charge\"", "\"gift\""), "not a transaction event");
	}

	@Test
	void backOffDoublesUpToItsCap() {
		WorkerProperties properties = new WorkerProperties(3, Duration.ofMillis(200), Duration.ofSeconds(5),
				Duration.ofSeconds(1), Duration.ofSeconds(10));
		assertThat(properties.backoffAfter(1, properties.outageBackoff())).isEqualTo(Duration.ofMillis(200));
		assertThat(properties.backoffAfter(2, properties.outageBackoff())).isEqualTo(Duration.ofMillis(400));
		assertThat(properties.backoffAfter(5, properties.outageBackoff())).isEqualTo(Duration.ofMillis(3200));
		assertThat(properties.backoffAfter(6, properties.outageBackoff())).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.backoffAfter(1000, properties.outageBackoff())).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void errorsAreOneShortLine() {
		String described = Errors.describe(new IllegalStateException("first line\nsecond line " + "x".repeat(500)));
		assertThat(described).isEqualTo("IllegalStateException: first line");
		assertThat(Errors.describe(new IllegalStateException("y".repeat(1000)))).hasSize(Errors.MAX_LENGTH);
	}

	/** The mapper as the application has it, with shared-lib's strict coercion rules. */
	private static JsonMapper applicationJson() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new StrictJson().customize(builder);
		return builder.build();
	}

	private TransactionEvent read(String json) {
		return this.eventReader.read(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertInvalid(String json, String reason) {
		assertThatExceptionOfType(TransactionEventReader.InvalidEventException.class).isThrownBy(() -> read(json))
			.withMessageContaining(reason);
	}

}
