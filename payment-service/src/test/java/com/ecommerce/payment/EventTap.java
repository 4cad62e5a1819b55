package com.ecommerce.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import com.ecommerce.shared.messaging.TransactionTopology;

/**
 * A test's own view of the published events: an auto-delete queue bound like {@code transaction.save}, which the
 * worker and other test JVMs consume and this test must not. Other tests' events arrive here too: filter by ids.
 *
 * <p>
 * Not exclusive: the embedded broker (Qpid) ties an exclusive queue to the channel that declared it and drops it when
 * that channel goes back to the cache. A consumer keeps the auto-delete queue alive until {@link #close()}.
 */
final class EventTap implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AmqpAdmin admin;

	private final String queue = "payment-test-tap-" + UUID.randomUUID();

	private final DirectMessageListenerContainer container;

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	EventTap(AmqpAdmin admin, ConnectionFactory connections) {
		this.admin = admin;
		Queue queue = new Queue(this.queue, false, false, true);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue)
			.to(new TopicExchange(TransactionTopology.EXCHANGE, true, false))
			.with(TransactionTopology.ROUTING_KEY));
		this.container = new DirectMessageListenerContainer(connections);
		this.container.setQueueNames(this.queue);
		this.container.setMessageListener(
				(Message message) -> this.received.add(new Received(JSON.readTree(message.getBody()), message)));
		this.container.start();
	}

	List<Received> forTransaction(String transactionId) {
		List<Received> matching = new ArrayList<>();
		for (Received r : this.received) {
			if (transactionId.equals(r.event().get("transactionId").asString())) {
				matching.add(r);
			}
		}
		return matching;
	}

	@Override
	public void close() {
		this.container.stop();
		this.admin.deleteQueue(this.queue);
	}

	record Received(JsonNode event, Message message) {
	}

}
