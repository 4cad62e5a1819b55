package com.ecommerce.shared.messaging;

/**
 * The type of queue {@code transaction.save} is declared as: {@code ecommerce.messaging.queue-type}
 * ({@code RABBITMQ_QUEUE_TYPE}). See {@link DecidedQueue}.
 */
public enum QueueType {

	/**
	 * Quorum on a RabbitMQ that has quorum queues (3.8 and later) when the queue is new; a queue that exists keeps
	 * its type; classic on any other broker (the embedded one of the tests and the local stack).
	 */
	AUTO,

	/** Quorum: replicated over the nodes of a RabbitMQ cluster. Needs RabbitMQ 3.8 or later. */
	QUORUM,

	/** Classic, as before quorum queues. */
	CLASSIC

}
