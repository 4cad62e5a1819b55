package com.ecommerce.payment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.idempotency.IdempotentRequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query of a charge, a refund, the payment reads, the outbox relay and the idempotency keys' clean-up is served
 * by an index: the embedded store counts each query it could answer only by reading a whole collection
 * ({@link CollectionScans}), and neither {@code payments} nor the keys may see one; a relay sweep with nothing to
 * publish reads no payment at all, however many are stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class IndexedQueriesTests {

	@Autowired
	ApiClient api;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OutboxRelay relay;

	@Autowired
	IdempotentRequests idempotentRequests;

	@Test
	void chargesRefundsReadsAndTheRelayReadNoCollectionWhole() {
		String database = this.mongo.getDb().getName();
		String orderId = PaymentBodies.orderId();
		CollectionScans.reset();

		ApiClient.Response charged = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 500));
		assertThat(charged.status()).as(charged.body()).isEqualTo(201);
		String paymentId = charged.json().at("/data/paymentId").asString();
		String transactionId = charged.json().at("/data/transactionId").asString();
		assertThat(this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(orderId, 500))
			.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.api
			.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(), 500, "test_declined"))
			.status()).isEqualTo(402);
		assertThat(this.api.post("/api/v1/payments/" + paymentId + "/refund", "").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/payments/order/" + orderId).json().get("data")).hasSize(1);
		assertThat(this.api.get("/api/v1/payments/" + transactionId).status()).isEqualTo(200);
		// A page of one forces the count of each list.
		assertThat(this.api.get("/api/v1/payments?orderId=" + orderId + "&limit=1").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/payments?status=refunded&limit=1").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.get("/api/v1/payments/queue/status").json().at("/data/pendingEvents").asLong() == 0);
		this.idempotentRequests.removeExpired();

		assertThat(CollectionScans.count(database, "payments")).as(CollectionScans.snapshot().toString()).isZero();
		assertThat(CollectionScans.count(database, "idempotency_keys")).as(CollectionScans.snapshot().toString())
			.isZero();

		CollectionScans.reset();
		assertThat(this.relay.sweep()).isTrue();
		assertThat(CollectionScans.examined(database, "payments")).isZero();
	}

}
