package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What a service's integration test does: ask for the servers, get auto-configured clients. */
@SpringBootTest(classes = WithInfrastructureTests.TestApplication.class)
@WithInfrastructure
class WithInfrastructureTests {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	Environment environment;

	@Test
	void mongoTemplateWorksInADatabaseOfItsOwn() {
		String database = environment.getProperty("spring.mongodb.database");

		mongo.insert(new Document("_id", "c1").append("name", "Ada"), "customers");

		assertThat(database).startsWith("test_");
		assertThat(mongo.getDb().getName()).isEqualTo(database);
		assertThat(mongo.findById("c1", Document.class, "customers")).containsEntry("name", "Ada");
	}

	@Test
	void redisTemplateWorks() {
		redis.opsForValue().set("customer:c1", "Ada");

		assertThat(redis.opsForValue().get("customer:c1")).isEqualTo("Ada");
	}

	@Test
	void rabbitTemplateWorks() {
		// The broker may be a real one shared with other test runs: a queue and a routing key of this run's own,
		// deleted with the test, so nothing piles up in it and nothing of another run lands in it.
		String name = "with-infrastructure-test." + java.util.UUID.randomUUID();
		TopicExchange exchange = new TopicExchange("with-infrastructure-test", false, true);
		Queue queue = new Queue(name, false, false, true);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(name));
		try {
			rabbit.convertAndSend(exchange.getName(), name, "{\"paymentId\":\"p1\"}");

			assertThat(rabbit.receiveAndConvert(name, 10_000)).isEqualTo("{\"paymentId\":\"p1\"}");
		}
		finally {
			admin.deleteQueue(name);
		}
	}

	@Test
	void pointsSpringAtTheResolvedServers() {
		Infrastructure infrastructure = Infrastructure.get();

		assertThat(environment.getProperty("spring.mongodb.uri")).isEqualTo(infrastructure.mongo().uri());
		assertThat(environment.getProperty("spring.data.redis.port", Integer.class)).isEqualTo(infrastructure.redis().port());
		assertThat(environment.getProperty("spring.rabbitmq.port", Integer.class)).isEqualTo(infrastructure.amqp().port());
		assertThat(environment.getProperty("spring.rabbitmq.virtual-host")).isEqualTo(infrastructure.amqp().virtualHost());
	}

	@Nested
	class NestedTests {

		@Autowired
		Environment nestedEnvironment;

		@Test
		void nestedTestsShareTheEnclosingConfiguration() {
			assertThat(nestedEnvironment.getProperty("spring.mongodb.database")).startsWith("test_");
			assertThat(mongo.getCollection("customers")).isNotNull();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {
	}
}
