package com.ecommerce.transaction;

import java.util.stream.Stream;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the worker waits out (the store's trouble) and what it dead-letters (the message's): plain JUnit. */
class StoreTroubleTests {

	static Stream<RuntimeException> storeTrouble() {
		return Stream.of(new DataAccessResourceFailureException("connection refused"),
				new QueryTimeoutException("timed out"),
				// What a restarting MongoDB answers with: no category, but not the data's fault.
				new UncategorizedMongoDbException("Command failed with error 11600 (InterruptedAtShutdown)", null),
				new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress()));
	}

	static Stream<RuntimeException> theMessagesFault() {
		return Stream.of(new DataIntegrityViolationException("document fails validation"),
				new IllegalArgumentException("transactionId is missing"));
	}

	@ParameterizedTest
	@MethodSource("storeTrouble")
	void theStoresTroubleIsWaitedOut(RuntimeException failure) {
		assertThat(TransactionListener.isStoreTrouble(failure)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("theMessagesFault")
	void theMessagesFaultIsRetriedThenDeadLettered(RuntimeException failure) {
		assertThat(TransactionListener.isStoreTrouble(failure)).isFalse();
	}

}
