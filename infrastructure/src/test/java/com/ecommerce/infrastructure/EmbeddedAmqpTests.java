package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/** The broker as the payment relay and transaction-worker will use it, through Spring AMQP. */
class EmbeddedAmqpTests {

	private static final String EXCHANGE = "ecommerce.transactions";
	private static final String QUEUE = "transaction.save";
	private static final String ROUTING_KEY = "transaction.created";

	private final List<AutoCloseable> cleanup = new ArrayList<>();

	@AfterEach
	void tearDown() throws Exception {
		Collections.reverse(cleanup);
		for (AutoCloseable closeable : cleanup) {
			closeable.close();
		}
	}

	@Test
	void declaresPublishesWithConfirmAndConsumesWithManualAck() throws Exception {
		CachingConnectionFactory connectionFactory = topologyOnANewBroker();
		BlockingQueue<String> received = consume(connectionFactory, body -> true);

		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		CorrelationData confirm = new CorrelationData(UUID.randomUUID().toString());
		template.send(EXCHANGE, ROUTING_KEY, persistent("{\"paymentId\":\"p1\"}"), confirm);

		assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"paymentId\":\"p1\"}");
		assertQueueEmpties(connectionFactory);
	}

	@Test
	void acceptsRabbitMqQueueArgumentsItDoesNotKnow() {
		EmbeddedAmqp broker = started(EmbeddedAmqp.inMemory(0));
		CachingConnectionFactory connectionFactory = connectionFactory(broker);
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);

		Queue queue = QueueBuilder.durable("transaction.save.args")
				.withArguments(Map.of("x-dead-letter-exchange", "ecommerce.dlx", "x-queue-type", "classic"))
				.build();

		assertThat(admin.declareQueue(queue)).isEqualTo("transaction.save.args");
	}

	@Test
	void rejectedMessageIsNotDeliveredAgain() throws Exception {
		CachingConnectionFactory connectionFactory = topologyOnANewBroker();
		BlockingQueue<String> deliveries = consume(connectionFactory, body -> !body.equals("poison"));

		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.send(EXCHANGE, ROUTING_KEY, persistent("poison"));
		assertThat(deliveries.poll(10, TimeUnit.SECONDS)).isEqualTo("poison");
		template.send(EXCHANGE, ROUTING_KEY, persistent("marker"));

		// Had the poison message been requeued, it would arrive again before or right after the marker.
		assertThat(deliveries.poll(10, TimeUnit.SECONDS)).isEqualTo("marker");
		assertThat(deliveries.poll(500, TimeUnit.MILLISECONDS)).isNull();
		assertQueueEmpties(connectionFactory);
	}

	@Test
	void derbyStoreKeepsDurableQueuesAndPersistentMessagesAcrossRestarts(@TempDir Path dir) throws Exception {
		Path data = dir.resolve("rabbitmq");
		EmbeddedAmqp broker = EmbeddedAmqp.onDisk(data, 0).start();
		int port = broker.port();
		try {
			CachingConnectionFactory connectionFactory = connectionFactory(broker);
			try {
				declareTopology(connectionFactory);
				CorrelationData confirm = new CorrelationData("t1");
				new RabbitTemplate(connectionFactory).send(EXCHANGE, ROUTING_KEY, persistent("survives"), confirm);
				assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
			} finally {
				connectionFactory.destroy();
			}
		} finally {
			broker.stop();
		}

		EmbeddedAmqp restarted = started(EmbeddedAmqp.onDisk(data, port));
		CachingConnectionFactory connectionFactory = connectionFactory(restarted);
		Message message = new RabbitTemplate(connectionFactory).receive(QUEUE, 10_000);

		assertThat(message).isNotNull();
		assertThat(body(message)).isEqualTo("survives");
		assertThat(restarted.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + port);
	}

	/** An ack reaches the broker after the listener returns; the count drops shortly after. */
	private static void assertQueueEmpties(CachingConnectionFactory connectionFactory) {
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admin.getQueueInfo(QUEUE).getMessageCount() == 0);
	}

	private EmbeddedAmqp started(EmbeddedAmqp broker) {
		broker.start();
		cleanup.add(broker);
		return broker;
	}

	private CachingConnectionFactory connectionFactory(EmbeddedAmqp broker) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
		connectionFactory.setUsername(EmbeddedAmqp.USERNAME);
		connectionFactory.setPassword(EmbeddedAmqp.PASSWORD);
		// RabbitMQ's default virtual host; Qpid resolves it through its default alias.
		connectionFactory.setVirtualHost("/");
		connectionFactory.setPublisherConfirmType(ConfirmType.CORRELATED);
		cleanup.add(connectionFactory::destroy);
		return connectionFactory;
	}

	/** A connection to a new in-memory broker on which {@link #declareTopology} has been declared. */
	private CachingConnectionFactory topologyOnANewBroker() {
		CachingConnectionFactory connectionFactory = connectionFactory(started(EmbeddedAmqp.inMemory(0)));
		declareTopology(connectionFactory);
		return connectionFactory;
	}

	/**
	 * Consumes {@link #QUEUE} with manual acknowledgement: acks each message whose body {@code accept}s, rejects the
	 * others without requeueing them. The bodies, in the order they were delivered.
	 */
	private BlockingQueue<String> consume(CachingConnectionFactory connectionFactory, Predicate<String> accept) {
		BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(QUEUE);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
			String body = body(message);
			deliveries.add(body);
			long tag = message.getMessageProperties().getDeliveryTag();
			if (accept.test(body)) {
				channel.basicAck(tag, false);
			} else {
				channel.basicNack(tag, false, false);
			}
		});
		container.afterPropertiesSet();
		container.start();
		cleanup.add(container::stop);
		return deliveries;
	}

	private static void declareTopology(CachingConnectionFactory connectionFactory) {
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
		Queue queue = QueueBuilder.durable(QUEUE).build();
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(ROUTING_KEY);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(binding);
	}

	private static Message persistent(String body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

	private static String body(Message message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}
}
