package com.ecommerce.customer;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.EmbeddedMongo;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.infrastructure.WithInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows MongoDB: this test owns a MongoDB of its own (whatever the other tests use) so that it can take
 * it away and bring it back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure(Service.REDIS)
class CustomerReadinessTests {

	static final EmbeddedMongo mongo = EmbeddedMongo.inMemory(0).start();

	@Autowired
	ApiClient api;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri() + "/readiness");
	}

	@AfterAll
	static void stopMongo() {
		mongo.stop();
	}

	@Test
	void readinessIs503WhileMongoIsDownAndRecoversWhileLivenessStaysUp() {
		assertThat(this.api.get("/readyz").status()).isEqualTo(200);
		assertThat(this.api.get("/healthz").status()).isEqualTo(200);

		mongo.stop();
		try {
			var notReady = this.api.get("/readyz");
			assertThat(notReady.status()).isEqualTo(503);
			assertThat(notReady.json().at("/components/mongo/status").asString()).isEqualTo("DOWN");
			assertThat(this.api.get("/healthz").status()).isEqualTo(200);
			var request = this.api.get("/api/v1/customers");
			assertThat(request.status()).isEqualTo(503);
			assertThat(request.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
			assertThat(request.header("Retry-After")).isNotNull();
		}
		finally {
			mongo.start();
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.api.get("/readyz").status()).isEqualTo(200));
		assertThat(this.api.get("/api/v1/customers").status()).isEqualTo(200);
	}

}
