package com.ecommerce.transaction;

/** Settings the consumer tests share (one set, so that they share one application context and one consumer). */
final class WorkerTestSettings {

	/** One consumer thread: messages are processed in the order published. */
	static final String SINGLE_CONSUMER = "spring.rabbitmq.listener.simple.max-concurrency=1";

	private WorkerTestSettings() {
	}

}
