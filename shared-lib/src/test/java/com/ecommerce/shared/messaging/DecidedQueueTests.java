package com.ecommerce.shared.messaging;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.ecommerce.infrastructure.AmqpEndpoint;
import com.ecommerce.infrastructure.Infrastructure;
import com.ecommerce.shared.messaging.DecidedQueue.Broker;
import com.ecommerce.shared.messaging.DecidedQueue.Existing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The type of {@code transaction.save}: the decision for each broker and queue, and real declarations on this
 * build's broker (the machine's RabbitMQ where {@code RABBITMQ_URI} names it, as in CI; else the embedded one), under
 * queue names of each test's own, so the real {@code transaction.save} is never touched.
 */
class DecidedQueueTests {

	private static final Map<String, Object> DEAD_LETTERS = Map.of("x-dead-letter-exchange", "decided-queue-test.dlx");

	private final CachingConnectionFactory connectionFactory = connectionFactory(Infrastructure.get().amqp());

	private final RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);

	private final String name = "decided-queue-test." + UUID.randomUUID();

	@AfterEach
	void cleanUp() {
		this.admin.deleteQueue(this.name);
		this.connectionFactory.destroy();
	}

	@ParameterizedTest
	@CsvSource({
			// setting, product, version, existing queue -> quorum?
			"AUTO, RabbitMQ, 3.13.7, NONE, true", "AUTO, RabbitMQ, 4.1.0, NONE, true", "AUTO, RabbitMQ, 3.8.0, NONE, true",
			"AUTO, RabbitMQ, 3.7.28, NONE, false", "AUTO, RabbitMQ, 3.10.8, CLASSIC, false",
			"AUTO, RabbitMQ, 3.10.8, QUORUM, true", "AUTO, qpid, 10.1.0, NONE, false",
			"CLASSIC, RabbitMQ, 3.13.7, NONE, false", "QUORUM, RabbitMQ, 3.13.7, CLASSIC, true" })
	void theTypeFollowsTheSettingTheBrokerAndTheQueueThatExists(QueueType setting, String product, String version,
			Existing existing, boolean quorum) {
		assertThat(DecidedQueue.quorum(setting, new Broker(product, version), existing)).isEqualTo(quorum);
	}

	@Test
	void aNewQueueIsQuorumWhereTheBrokerHasThem() throws Exception {
		DecidedQueue queue = new DecidedQueue(this.name, QueueType.AUTO, this.connectionFactory, DEAD_LETTERS);
		this.admin.declareQueue(queue);

		assertThat(this.admin.getQueueInfo(this.name)).isNotNull();
		if (broker().hasQuorumQueues()) {
			assertThat(existing()).isEqualTo(Existing.QUORUM);
			assertThat(queue.getArguments()).isEqualTo(
					Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "decided-queue-test.dlx"));
		}
		else {
			assertThat(queue.getArguments()).isEmpty();
		}
	}

	/** The machine's RabbitMQ has classic queues from earlier runs: declaring them again must not fail. */
	@Test
	void aClassicQueueThatExistsStaysClassic() throws Exception {
		this.admin.declareQueue(new Queue(this.name));

		DecidedQueue queue = new DecidedQueue(this.name, QueueType.AUTO, this.connectionFactory, DEAD_LETTERS);
		this.admin.declareQueue(queue);

		assertThat(queue.getArguments()).isEmpty();
		if (broker().hasQuorumQueues()) {
			assertThat(existing()).isEqualTo(Existing.CLASSIC);
		}
	}

	@Test
	void classicIsClassicWhateverTheBroker() throws Exception {
		this.admin.declareQueue(new DecidedQueue(this.name, QueueType.CLASSIC, this.connectionFactory, DEAD_LETTERS));

		assertThat(this.admin.getQueueInfo(this.name)).isNotNull();
		if (broker().hasQuorumQueues()) {
			assertThat(existing()).isEqualTo(Existing.CLASSIC);
		}
	}

	/** Quorum forced on a classic queue: the broker refuses, and the queue serves as it is, with a warning. */
	@Test
	void aTypeTheQueueCannotTakeLeavesItAsItIs() throws Exception {
		this.admin.declareQueue(new Queue(this.name));

		this.admin.declareQueue(new DecidedQueue(this.name, QueueType.QUORUM, this.connectionFactory, DEAD_LETTERS));

		RabbitTemplate rabbit = new RabbitTemplate(this.connectionFactory);
		rabbit.convertAndSend("", this.name, "still here");
		assertThat(rabbit.receiveAndConvert(this.name, 5000)).isEqualTo("still here");
		if (broker().hasQuorumQueues()) {
			assertThat(existing()).isEqualTo(Existing.CLASSIC);
		}
	}

	private Broker broker() {
		try (Connection connection = this.connectionFactory.createConnection()) {
			return Broker.of(connection.getDelegate().getServerProperties());
		}
	}

	private Existing existing() throws Exception {
		try (Connection connection = this.connectionFactory.createConnection()) {
			return DecidedQueue.existing(connection.getDelegate(), this.name,
					Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "decided-queue-test.dlx"));
		}
	}

	private static CachingConnectionFactory connectionFactory(AmqpEndpoint amqp) {
		CachingConnectionFactory factory = new CachingConnectionFactory(amqp.host(), amqp.port());
		factory.setUsername(amqp.username());
		factory.setPassword(amqp.password());
		factory.setVirtualHost(amqp.virtualHost());
		return factory;
	}

}
