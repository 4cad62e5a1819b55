package com.ecommerce.transaction;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting for the consumer, with a deadline. Awaitility would otherwise fail a wait on any uncaught exception in any
 * thread, including the shutdown of another test class's context (a Spring AMQP channel closing after its executor).
 */
final class Eventually {

	static final Duration DEADLINE = Duration.ofSeconds(30);

	private Eventually() {
	}

	static ConditionFactory await() {
		return Awaitility.await().atMost(DEADLINE).dontCatchUncaughtExceptions();
	}

}
