package com.ecommerce.transaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.messaging.ConfirmedPublisher;
import com.ecommerce.shared.messaging.TransactionTopology;

/**
 * The dead-letter queue: messages that failed every attempt, kept with their original body and properties plus the
 * last error ({@link TransactionTopology#ERROR_HEADER}) and the number of attempts. Operators look at them and send
 * them back once the cause is fixed.
 */
@Service
class DeadLetterService {

	private final RabbitTemplate rabbit;

	private final ConfirmedPublisher publisher;

	private final JsonMapper json;

	private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

	DeadLetterService(RabbitTemplate rabbit, ConfirmedPublisher publisher, JsonMapper json) {
		this.rabbit = rabbit;
		this.publisher = publisher;
		this.json = json;
	}

	/** Returns once the broker has confirmed the dead letter. @throws AmqpException when it hasn't */
	void add(Message failed, String error, int attempts) {
		MessageProperties properties = failed.getMessageProperties();
		properties.setHeader(TransactionTopology.ERROR_HEADER, error);
		properties.setHeader(DeadLetter.ATTEMPTS_HEADER, attempts);
		this.publisher.publish(TransactionTopology.DEAD_LETTER_EXCHANGE, TransactionTopology.DEAD_LETTER_ROUTING_KEY,
				new Message(failed.getBody(), properties));
	}

	/**
	 * Up to {@code limit} dead letters, oldest first, left in the queue: they are fetched unacked on one channel and
	 * each handed back with a nack-and-requeue, which puts it back where it was. One by one, not with one "multiple"
	 * nack: the embedded broker requeued only the last of them that way, leaving the others held by the (cached,
	 * still open) channel, out of every listing and of the workers' reach.
	 */
	List<DeadLetter> list(int limit) {
		return broker(() -> this.rabbit.execute((channel) -> {
			List<DeadLetter> letters = new ArrayList<>();
			List<Long> tags = new ArrayList<>();
			try {
				while (letters.size() < limit) {
					GetResponse response = channel.basicGet(TransactionTopology.DEAD_LETTER_QUEUE, false);
					if (response == null) {
						break;
					}
					tags.add(response.getEnvelope().getDeliveryTag());
					letters.add(DeadLetter.of(toMessage(response), this.json));
				}
			}
			finally {
				for (long tag : tags) {
					channel.basicNack(tag, false, true);
				}
			}
			return letters;
		}));
	}

	/**
	 * Sends every dead letter back to the main exchange, without its error headers, acking each in the DLQ only after
	 * the broker confirmed its copy: a crash in between duplicates a message (which the worker absorbs), never loses
	 * one. Only the messages present at the start are moved, so one that fails again is not redriven in a loop.
	 * @return how many were moved
	 */
	int redrive() {
		return broker(() -> this.rabbit.execute((channel) -> {
			long present = channel.queueDeclarePassive(TransactionTopology.DEAD_LETTER_QUEUE).getMessageCount();
			int moved = 0;
			while (moved < present) {
				GetResponse response = channel.basicGet(TransactionTopology.DEAD_LETTER_QUEUE, false);
				if (response == null) {
					break;
				}
				redrive(channel, response);
				moved++;
			}
			return moved;
		}));
	}

	private void redrive(Channel channel, GetResponse response) throws IOException {
		long tag = response.getEnvelope().getDeliveryTag();
		try {
			Message message = toMessage(response);
			message.getMessageProperties().getHeaders().remove(TransactionTopology.ERROR_HEADER);
			message.getMessageProperties().getHeaders().remove(DeadLetter.ATTEMPTS_HEADER);
			this.publisher.publish(TransactionTopology.EXCHANGE, TransactionTopology.ROUTING_KEY, message);
		}
		catch (RuntimeException ex) {
			channel.basicNack(tag, false, true);
			throw ex;
		}
		channel.basicAck(tag, false);
	}

	private Message toMessage(GetResponse response) {
		MessageProperties properties = this.converter.toMessageProperties(response.getProps(), response.getEnvelope(),
				"UTF-8");
		return new Message(response.getBody(), properties);
	}

	private static <T> T broker(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (AmqpException ex) {
			throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The message broker is unavailable, retry later");
		}
	}

}
