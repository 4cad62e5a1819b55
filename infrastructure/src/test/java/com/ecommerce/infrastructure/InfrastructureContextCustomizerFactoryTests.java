package com.ecommerce.infrastructure;

import static com.ecommerce.infrastructure.WithInfrastructure.Service.MONGODB;
import static com.ecommerce.infrastructure.WithInfrastructure.Service.RABBITMQ;
import static com.ecommerce.infrastructure.WithInfrastructure.Service.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class InfrastructureContextCustomizerFactoryTests {

	private final InfrastructureContextCustomizerFactory factory = new InfrastructureContextCustomizerFactory();

	@Test
	void ignoresTestsWithoutTheAnnotation() {
		assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void defaultsToAllThreeServices() {
		assertThat(customizer(AllServices.class).services()).containsExactlyInAnyOrder(MONGODB, REDIS, RABBITMQ);
	}

	@Test
	void findsTheAnnotationOnMetaAnnotationsSuperclassesAndEnclosingClasses() {
		assertThat(customizer(MetaAnnotated.class).services()).containsExactly(REDIS);
		assertThat(customizer(Subclass.class).services()).containsExactly(MONGODB, REDIS);
		assertThat(customizer(MongoAndRedis.Inner.class).services()).containsExactly(MONGODB, REDIS);
	}

	@Test
	void equalForTheSameServicesSoTheContextCacheStillWorks() {
		ContextCustomizer first = customizer(MongoAndRedis.class);
		ContextCustomizer second = customizer(Subclass.class);

		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first).isNotEqualTo(customizer(AllServices.class));
	}

	@Test
	void givesEveryContextItsOwnDatabaseAndOnlyTheRequestedProperties() {
		Infrastructure infrastructure = new Infrastructure(
				Map.of("MONGODB_URI", "mongodb://127.0.0.1:27999", "REDIS_HOST", "127.0.0.1")::get, "auto");
		Map<String, Object> first = InfrastructureProperties.of(infrastructure, Set.of(MONGODB, REDIS));
		Map<String, Object> second = InfrastructureProperties.of(infrastructure, Set.of(MONGODB, REDIS));

		assertThat(first).containsEntry("spring.mongodb.uri", "mongodb://127.0.0.1:27999")
				.containsEntry("spring.data.redis.host", "127.0.0.1")
				.containsEntry("spring.data.redis.port", 6379)
				.doesNotContainKeys("spring.data.redis.password", "spring.rabbitmq.host");
		assertThat((String) first.get("spring.mongodb.database")).matches("test_[0-9a-f]{8}");
		assertThat(first.get("spring.mongodb.database")).isNotEqualTo(second.get("spring.mongodb.database"));
	}

	private InfrastructureContextCustomizer customizer(Class<?> testClass) {
		return (InfrastructureContextCustomizer) factory.createContextCustomizer(testClass, List.of());
	}

	static class Plain {
	}

	@WithInfrastructure
	static class AllServices {
	}

	@WithInfrastructure({MONGODB, REDIS})
	static class MongoAndRedis {
		@Nested
		class Inner {
		}
	}

	static class Subclass extends MongoAndRedis {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@WithInfrastructure(REDIS)
	@interface RedisTest {
	}

	@RedisTest
	static class MetaAnnotated {
	}
}
