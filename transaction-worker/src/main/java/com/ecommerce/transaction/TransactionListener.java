package com.ecommerce.transaction;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.messaging.RequestIdMessages;
import com.ecommerce.shared.messaging.TransactionEvent;
import com.ecommerce.shared.messaging.TransactionTopology;
import com.ecommerce.shared.web.RequestIds;

/**
 * Consumes the transaction events into {@link TransactionHistoryRepository}, acking each message only after its write.
 *
 * <p>Retries happen here, in the consumer, not by requeueing: a requeued message comes straight back to the head of
 * the queue, with no back-off and no count of attempts on a classic queue (RabbitMQ or the embedded broker alike):
 * <ul>
 * <li>a message that fails for its own sake (not JSON, not an event, a write MongoDB refuses) is tried
 * {@code attempts} times with exponential back-off, then published to the dead-letter exchange with the last error
 * and acked — the consumer moves on;</li>
 * <li>a MongoDB outage is not the message's fault: dead-lettering would empty the queue into the DLQ during every
 * outage. The message is retried with back-off (capped at {@code outageBackoff}) until MongoDB is back, holding its
 * consumer, so the rest of the queue waits in the broker rather than piling up in the DLQ.</li>
 * </ul>
 * When the application stops, a message in back-off is left unacked: the broker gives it back when the channel
 * closes, and a message being written is acked after its write (the container waits {@code shutdownTimeout}).
 */
@Component
class TransactionListener {

	private static final Logger logger = LoggerFactory.getLogger(TransactionListener.class);

	private final TransactionEventReader eventReader;

	private final TransactionHistoryRepository transactionHistoryRepository;

	private final DeadLetterService deadLetterService;

	private final WorkerProperties properties;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final Counter stored;

	private final Counter unchanged;

	private final Counter deadLettered;

	private final Counter storeOutages;

	TransactionListener(TransactionEventReader eventReader,
			TransactionHistoryRepository transactionHistoryRepository, DeadLetterService deadLetterService,
			WorkerProperties properties, MeterRegistry meters) {
		this.eventReader = eventReader;
		this.transactionHistoryRepository = transactionHistoryRepository;
		this.deadLetterService = deadLetterService;
		this.properties = properties;
		this.stored = events(meters, "stored");
		this.unchanged = events(meters, "unchanged");
		this.deadLettered = events(meters, "dead_lettered");
		this.storeOutages = Counter.builder("transaction.worker.store.outages")
			.description("Attempts that found MongoDB unreachable (the message waits, it is not dead-lettered)")
			.register(meters);
	}

	private static Counter events(MeterRegistry meters, String outcome) {
		return Counter.builder("transaction.worker.events")
			.description("Transaction messages handled, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	@RabbitListener(id = "transactions", queues = TransactionTopology.QUEUE)
	void onMessage(Message message, Channel channel) throws IOException {
		String requestId = RequestIdMessages.restore(message);
		try {
			process(message, channel, requestId);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private void process(Message message, Channel channel, String requestId) throws IOException {
		long deliveryTag = message.getMessageProperties().getDeliveryTag();
		int failures = 0;
		int outages = 0;
		while (true) {
			try {
				TransactionEvent event = this.eventReader.read(message.getBody());
				boolean changed = this.transactionHistoryRepository.record(event, requestId);
				channel.basicAck(deliveryTag, false);
				(changed ? this.stored : this.unchanged).increment();
				// One line per event, as the services log one per request: with the request and trace ids of the
				// order it belongs to, an operator follows the order from its log lines into the worker.
				logger.info("Transaction {} of order {} {}: {}", event.transactionId(), event.orderId(),
						event.status(), changed ? "stored" : "unchanged (a duplicate or an older event)");
				return;
			}
			catch (RuntimeException ex) {
				if (!isStoreTrouble(ex)) {
					failures++;
					if (failures >= this.properties.attempts()) {
						deadLetter(message, channel, Errors.describe(ex), failures);
						return;
					}
					logger.info("Message {} failed (attempt {} of {}): {}", messageId(message), failures,
							this.properties.attempts(), Errors.describe(ex));
					if (!pause(this.properties.backoffAfter(failures, this.properties.outageBackoff()))) {
						return;
					}
					continue;
				}
				outages++;
				this.storeOutages.increment();
				logger.warn("MongoDB unavailable, message {} waits (attempt {}): {}", messageId(message), outages,
						Errors.describe(ex));
				if (!pause(this.properties.backoffAfter(outages, this.properties.outageBackoff()))) {
					return;
				}
			}
		}
	}

	/**
	 * Whether a failure is the store's, which waiting fixes (down, restarting, failing over, busy), rather than the
	 * message's. Only the message's failures lead to the dead-letter queue: anything the driver reports without
	 * blaming the data (uncategorized errors such as "interrupted at shutdown" or "not primary" during a restart
	 * included) is an outage.
	 */
	static boolean isStoreTrouble(RuntimeException ex) {
		return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof UncategorizedDataAccessException || ex instanceof MongoException;
	}

	/** Acks the message only once the broker has confirmed its dead letter; until then it keeps trying. */
	private void deadLetter(Message message, Channel channel, String error, int attempts) throws IOException {
		int tries = 0;
		while (true) {
			try {
				this.deadLetterService.add(message, error, attempts);
				channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
				this.deadLettered.increment();
				logger.warn("Message {} dead-lettered after {} attempts: {}", messageId(message), attempts, error);
				return;
			}
			catch (AmqpException ex) {
				tries++;
				logger.warn("Dead letter of message {} not confirmed: {}", messageId(message), Errors.describe(ex));
				// Without a channel the broker redelivers the message anyway; with one, try again.
				if (!channel.isOpen() || !pause(this.properties.backoffAfter(tries, this.properties.outageBackoff()))) {
					return;
				}
			}
		}
	}

	/** @return false when the application is stopping (the message is then left for redelivery) */
	private boolean pause(Duration delay) {
		try {
			return !this.stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@EventListener(ContextClosedEvent.class)
	void stopping() {
		this.stopping.countDown();
	}

	private static String messageId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		return (id != null) ? id : "#" + message.getMessageProperties().getDeliveryTag();
	}

}
