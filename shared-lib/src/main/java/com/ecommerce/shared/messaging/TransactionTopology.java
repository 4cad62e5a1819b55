package com.ecommerce.shared.messaging;

import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The exchanges and queues of the transaction events, declared the same way by the publisher and the consumer, so
 * that no event is dropped for want of a queue whichever side starts first. Retries and dead-lettering are done by
 * the consumer, which works the same on RabbitMQ and on the embedded broker, so the queues need no TTL or length
 * limit. {@code transaction.save} is a quorum queue where RabbitMQ has them ({@link DecidedQueue}, setting
 * {@link QueueType}), so that a cluster keeps it, and the events in it, when a node fails. The dead-letter queue stays
 * classic: its listing hands the messages back with a nack, which a quorum queue counts as a delivery, and from
 * RabbitMQ 4 on it drops a message delivered more than 20 times; dead letters must stay until an operator acts. For
 * the same limit {@code transaction.save}, as a quorum queue, names the dead-letter exchange: the worker acks or
 * dead-letters every message itself, so only a message that kept its consumers from finishing (each stopped or
 * killed while it had it) reaches the limit, and then it lands in the DLQ instead of being dropped.
 */
public final class TransactionTopology {

	public static final String EXCHANGE = "ecommerce.transactions";

	public static final String QUEUE = "transaction.save";

	public static final String ROUTING_KEY = "transaction.created";

	public static final String DEAD_LETTER_EXCHANGE = "ecommerce.transactions.dlx";

	public static final String DEAD_LETTER_QUEUE = "transaction.save.dlq";

	public static final String DEAD_LETTER_ROUTING_KEY = DEAD_LETTER_QUEUE;

	/** Header of a dead letter: why its last attempt failed. */
	public static final String ERROR_HEADER = "x-last-error";

	private TransactionTopology() {
	}

	/** @param connectionFactory where the queue's type is decided, when it is declared */
	public static Declarables declarables(QueueType queueType, ConnectionFactory connectionFactory) {
		TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
		Queue queue = new DecidedQueue(QUEUE, queueType, connectionFactory, Map.of("x-dead-letter-exchange",
				DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", DEAD_LETTER_ROUTING_KEY));
		DirectExchange deadLetters = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
		Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(ROUTING_KEY);
		Binding deadLetterBinding = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(DEAD_LETTER_ROUTING_KEY);
		return new Declarables(exchange, queue, binding, deadLetters, deadLetterQueue, deadLetterBinding);
	}

}
