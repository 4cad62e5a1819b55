package com.ecommerce.transaction;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.TransactionTopology;

import static com.ecommerce.transaction.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue gauges follow the broker's counts at each refresh, and keep the last ones while it can't answer. Counts
 * are compared before and after, as the broker may be shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = WorkerTestSettings.SINGLE_CONSUMER)
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class QueueMetricsTests {

	@Autowired
	ApiClient api;

	@Autowired
	QueueGauges gauges;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aMessageWaitingInTheQueueCountsInItsDepth() {
		MessageListenerContainer consumer = this.listeners.getListenerContainer("transactions");
		consumer.stop();
		String transactionId = Events.unique("txn");
		try {
			this.gauges.refresh();
			double before = depth();

			Events.publish(this.rabbit, transactionId, Events.charge(transactionId, "completed", Instant.now()));

			// The broker counts a message once it has routed it, which a confirm does not wait for.
			await().untilAsserted(() -> {
				this.gauges.refresh();
				assertThat(depth()).isEqualTo(before + 1);
			});
			assertThat(scrape()).anyMatch((line) -> line.startsWith("transaction_queue_depth{")
					&& line.contains("queue=\"" + TransactionTopology.QUEUE + "\""));
		}
		finally {
			consumer.start();
		}
		// Started again, the consumer stores it: the test leaves nothing behind in the queue.
		await().untilAsserted(
				() -> assertThat(this.mongo.findById(transactionId, TransactionHistory.class)).isNotNull());
	}

	@Test
	void aDeadLetterCountsInTheDeadLetters() {
		String messageId = Events.unique("dead");
		try {
			this.gauges.refresh();
			double before = deadLetters();

			this.rabbit.send("", TransactionTopology.DEAD_LETTER_QUEUE, Events.message(messageId, "{}"));
			this.gauges.refresh();

			assertThat(deadLetters()).isEqualTo(before + 1);
			assertThat(scrape()).anyMatch((line) -> line.startsWith("transaction_dead_letters ")
					|| line.startsWith("transaction_dead_letters{"));
		}
		finally {
			DeadLetterQueue.remove(this.rabbit, List.of(messageId));
		}
	}

	@Test
	void theGaugesKeepTheirLastValuesWhileTheBrokerIsDown() {
		AtomicReference<Long> count = new AtomicReference<>(4L);
		AmqpAdmin admin = (AmqpAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { AmqpAdmin.class }, (proxy, method, args) -> {
					if (!method.getName().equals("getQueueInfo")) {
						throw new UnsupportedOperationException(method.getName());
					}
					if (count.get() == null) {
						throw new AmqpConnectException(new ConnectException("broker down (test)"));
					}
					return new QueueInformation((String) args[0], count.get(), 1);
				});
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		QueueGauges gauges = new QueueGauges(admin, registry);
		gauges.refresh();

		count.set(null);
		gauges.refresh();
		gauges.refresh();

		assertThat(registry.get("transaction.queue.depth").gauge().value()).isEqualTo(4);
		assertThat(registry.get("transaction.dead.letters").gauge().value()).isEqualTo(4);
		count.set(7L);
		gauges.refresh();
		assertThat(registry.get("transaction.dead.letters").gauge().value()).isEqualTo(7);
	}

	private double depth() {
		return this.meters.get("transaction.queue.depth").tag("queue", TransactionTopology.QUEUE).gauge().value();
	}

	private double deadLetters() {
		return this.meters.get("transaction.dead.letters").gauge().value();
	}

	private List<String> scrape() {
		return this.api.management().get("/actuator/prometheus").body().lines().toList();
	}

}
