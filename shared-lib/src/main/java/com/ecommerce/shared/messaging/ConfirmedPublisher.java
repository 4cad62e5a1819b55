package com.ecommerce.shared.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a message and returns only once the broker has confirmed it, so that whoever holds the source (an outbox
 * entry, a message to ack) may let it go. Needs {@code spring.rabbitmq.publisher-confirm-type: correlated}; with a
 * mandatory template ({@code spring.rabbitmq.template.mandatory: true}) an unroutable message fails too instead of
 * being dropped silently. Time-out: {@code ecommerce.messaging.confirm-timeout}.
 */
public class ConfirmedPublisher {

	private final RabbitTemplate rabbit;

	private final Duration confirmTimeout;

	public ConfirmedPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
		this.rabbit = rabbit;
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * @throws RefusedException when the broker refused or could not route this message (others may pass)
	 * @throws UnconfirmedException when the broker didn't confirm in time (it is down or unreachable)
	 */
	public void publish(String exchange, String routingKey, Message message) {
		String messageId = message.getMessageProperties().getMessageId();
		CorrelationData correlation = (messageId != null) ? new CorrelationData(messageId) : new CorrelationData();
		this.rabbit.send(exchange, routingKey, message, correlation);
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnconfirmedException("interrupted while waiting for the confirm");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new UnconfirmedException("no confirm from the broker within " + this.confirmTimeout);
		}
		if (!confirm.ack()) {
			throw new RefusedException("broker refused the message: " + confirm.reason());
		}
		if (correlation.getReturned() != null) {
			throw new RefusedException("no queue bound for " + exchange + "/" + routingKey);
		}
	}

	/** The broker did not take the message for sure: keep the source and try again later. */
	public static class UnconfirmedException extends AmqpException {

		UnconfirmedException(String message) {
			super(message);
		}

	}

	/** The broker answered, but not with this message queued: the broker works, this message didn't go. */
	public static class RefusedException extends UnconfirmedException {

		public RefusedException(String message) {
			super(message);
		}

	}

}
