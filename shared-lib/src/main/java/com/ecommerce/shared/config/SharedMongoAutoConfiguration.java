package com.ecommerce.shared.config;

import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import io.micrometer.observation.ObservationRegistry;
import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.observability.ContextProviderFactory;
import org.springframework.data.mongodb.observability.MongoObservationCommandListener;

import com.ecommerce.shared.idempotency.IdempotentRequests;
import com.ecommerce.shared.mongo.DocumentIndexes;

/**
 * MongoDB set-up for services that use it: time-outs that fail fast, a health check every server answers, and a span
 * per command.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration" },
		beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass({ MongoClient.class, MongoClientSettingsBuilderCustomizer.class })
@EnableConfigurationProperties(EcommerceProperties.class)
public class SharedMongoAutoConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer mongoTimeouts(EcommerceProperties properties) {
		EcommerceProperties.Mongo mongo = properties.mongo();
		return (settings) -> settings
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(mongo.serverSelectionTimeout().toMillis(),
					TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket
				.connectTimeout((int) mongo.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.readTimeout((int) mongo.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

	/**
	 * A span per MongoDB command, a child of the work that issued it. Spring Boot observes the driver's commands for
	 * metrics only; Spring Data's listener makes them observations. The context provider hands the current
	 * observation to the driver, which runs the listener on its own threads.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MongoObservationCommandListener.class, ObservationRegistry.class })
	static class Observations {

		@Bean
		MongoClientSettingsBuilderCustomizer mongoObservations(ObjectProvider<ObservationRegistry> registries) {
			return (settings) -> registries.ifAvailable((registry) -> settings
				.contextProvider(ContextProviderFactory.create(registry))
				.addCommandListener(new MongoObservationCommandListener(registry)));
		}

	}

	/**
	 * Replaces Spring Boot's MongoDB health check, whose {@code hello} command the embedded MongoDB
	 * (mongo-java-server) doesn't know; {@code ping} is answered by every MongoDB.
	 */
	@Bean
	@ConditionalOnBean(MongoClient.class)
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	HealthIndicator mongoHealthIndicator(MongoClient client) {
		return new AbstractHealthIndicator("MongoDB health check failed") {
			@Override
			protected void doHealthCheck(Health.Builder builder) {
				client.getDatabase("admin").runCommand(new Document("ping", 1));
				builder.up();
			}
		};
	}

	/** The indexes the service's documents declare, created at start-up (the one place they are defined). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MongoTemplate.class)
	static class Indexes {

		@Bean
		@ConditionalOnBean(MongoTemplate.class)
		DocumentIndexes documentIndexes(MongoTemplate mongo) {
			return new DocumentIndexes(mongo);
		}

	}

	/**
	 * Idempotency keys for the services that use them. Lazy, so that only those get the key collection's index and
	 * its clean-up, and a service that never runs work under a key never touches the collection.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MongoTemplate.class)
	static class Idempotency {

		@Bean
		@Lazy
		@ConditionalOnBean(MongoTemplate.class)
		@ConditionalOnMissingBean
		IdempotentRequests idempotentRequests(MongoTemplate mongo, EcommerceProperties properties) {
			return new IdempotentRequests(mongo, properties.idempotency());
		}

	}

}
