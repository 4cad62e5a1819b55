package com.ecommerce.transaction;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a message and returns only once the broker has confirmed that a queue took it, so that whoever holds the
 * original may ack it. Relies on {@code publisher-confirm-type: correlated} and a mandatory template
 * (application.yml): an unroutable message comes back as returned, not silently dropped.
 */
@Component
class ConfirmedPublisher {

	private final RabbitTemplate rabbit;

	private final WorkerProperties properties;

	ConfirmedPublisher(RabbitTemplate rabbit, WorkerProperties properties) {
		this.rabbit = rabbit;
		this.properties = properties;
	}

	/** @throws AmqpException when the broker refused, didn't route, or didn't confirm in time */
	void publish(String exchange, String routingKey, Message message) {
		CorrelationData correlation = new CorrelationData();
		this.rabbit.send(exchange, routingKey, message, correlation);
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(this.properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnconfirmedException("interrupted while waiting for the confirm");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new UnconfirmedException("no confirm from the broker within " + this.properties.confirmTimeout());
		}
		if (!confirm.ack()) {
			throw new UnconfirmedException("broker refused the message: " + confirm.reason());
		}
		if (correlation.getReturned() != null) {
			throw new UnconfirmedException("no queue bound for " + exchange + "/" + routingKey);
		}
	}

	static class UnconfirmedException extends AmqpException {

		UnconfirmedException(String message) {
			super(message);
		}

	}

}
