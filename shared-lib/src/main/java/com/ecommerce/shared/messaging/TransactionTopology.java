package com.ecommerce.shared.messaging;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The exchanges and queues of the transaction events, declared the same way by the publisher and the consumer, so
 * that no event is dropped for want of a queue whichever side starts first. The queues carry no {@code x-} arguments:
 * retries and dead-lettering are done by the consumer, which works the same on RabbitMQ and on the embedded broker,
 * and identical declarations never clash.
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

	public static Declarables declarables() {
		TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
		Queue queue = QueueBuilder.durable(QUEUE).build();
		DirectExchange deadLetters = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
		Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(ROUTING_KEY);
		Binding deadLetterBinding = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(DEAD_LETTER_ROUTING_KEY);
		return new Declarables(exchange, queue, binding, deadLetters, deadLetterQueue, deadLetterBinding);
	}

}
