package com.ecommerce.transaction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.messaging.TransactionEvent;

import static com.ecommerce.infrastructure.ApiAssertions.assertError;
import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** The read API over histories written straight through {@link TransactionHistoryRepository}. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = WorkerTestSettings.SINGLE_CONSUMER)
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class TransactionApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TransactionHistoryRepository transactionHistoryRepository;

	@Autowired
	MongoTemplate mongo;

	@Test
	void listsFilterByOrderCustomerAndStatusNewestFirstWithPagination() {
		CollectionScans.reset();
		String order = Events.unique("ord");
		String customer = Events.unique("cust");
		Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String oldest = record(order, customer, "failed", start);
		String middle = record(order, customer, "completed", start.plusSeconds(1));
		String newest = record(order, customer, "refunded", start.plusSeconds(2));
		String otherOrder = record(Events.unique("ord"), customer, "completed", start.plusSeconds(3));

		var byOrder = this.api.get("/api/v1/transactions?orderId=" + order);
		assertThat(byOrder.status()).isEqualTo(200);
		assertThat(ids(byOrder.json())).containsExactly(newest, middle, oldest);
		assertThat(byOrder.json().at("/pagination/total").asInt()).isEqualTo(3);

		var byCustomer = this.api.get("/api/v1/transactions?customerId=" + customer + "&page=2&limit=3");
		assertThat(ids(byCustomer.json())).containsExactly(oldest);
		assertThat(byCustomer.json().get("pagination").toString())
			.isEqualTo("{\"total\":4,\"page\":2,\"limit\":3,\"totalPages\":2}");

		var completed = this.api.get("/api/v1/transactions?customerId=" + customer + "&status=completed");
		assertThat(ids(completed.json())).containsExactly(otherOrder, middle);

		var both = this.api.get("/api/v1/transactions?orderId=" + order + "&customerId=" + customer + "&status=refunded");
		assertThat(ids(both.json())).containsExactly(newest);
		JsonNode item = both.json().at("/data/0");
		assertThat(item.get("amount").asLong()).isEqualTo(1234);
		assertThat(item.get("type").asString()).isEqualTo("charge");
		assertThat(Instant.parse(item.get("timestamp").asString())).isEqualTo(start.plusSeconds(2));
		// Every filter, and every page's count, found its histories through an index.
		assertThat(CollectionScans.count(this.mongo.getDb().getName(), "transactionhistories")).isZero();
	}

	@Test
	void oneTransactionByIdOr404() {
		String txn = record(Events.unique("ord"), "cust_001", "completed", Instant.now());
		var found = this.api.get("/api/v1/transactions/" + txn);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json().at("/data/transactionId").asString()).isEqualTo(txn);
		assertThat(found.json().at("/data/paymentId").asString()).isEqualTo("pay_" + txn);
		assertThat(found.json().at("/data/receivedAt").asString()).matches(".*\\.\\d{3}Z");

		assertError(this.api.get("/api/v1/transactions/txn_unknown"), 404, "NOT_FOUND");
	}

	@Test
	void deadLettersIsNotTakenForATransactionId() {
		var response = this.api.get("/api/v1/transactions/dead-letters");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("data").isArray()).isTrue();
	}

	@Test
	void badInputIs400NamingTheParameter() {
		assertValidationError(this.api.get("/api/v1/transactions?status=pending"), "status");
		assertValidationError(this.api.get("/api/v1/transactions?page=0"), "page");
		assertValidationError(this.api.get("/api/v1/transactions?limit=101"), "limit");
		assertValidationError(this.api.get("/api/v1/transactions?page=x"), "page");
		assertValidationError(this.api.get("/api/v1/transactions?orderId=bad%20id"), "orderId");
		assertValidationError(this.api.get("/api/v1/transactions?customerId=" + "c".repeat(65)), "customerId");
		assertValidationError(this.api.get("/api/v1/transactions/bad%20id"), "transactionId");
		assertValidationError(this.api.get("/api/v1/transactions/dead-letters?limit=0"), "limit");
	}

	/** A NoSQL operator in a parameter's name is refused, naming it, not bound into the filter (nor a 500). */
	@Test
	void anOperatorInAListParameterNameIs400() {
		assertValidationError(this.api.get("/api/v1/transactions?customerId%5B%24ne%5D=x"), "customerId[$ne]");
		assertValidationError(this.api.get("/api/v1/transactions?orderId%5B%24gt%5D="), "orderId[$gt]");
	}

	private String record(String orderId, String customerId, String status, Instant timestamp) {
		String txn = Events.unique("txn");
		this.transactionHistoryRepository.record(new TransactionEvent(txn, "pay_" + txn, orderId, customerId, "prod_001", 1234, status,
				TransactionEvent.Type.charge, timestamp.truncatedTo(ChronoUnit.MILLIS)), "req-test");
		return txn;
	}

	private static List<String> ids(JsonNode body) {
		return body.get("data").findValuesAsString("transactionId");
	}

}
