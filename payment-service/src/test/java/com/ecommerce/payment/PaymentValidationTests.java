package com.ecommerce.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Money;

import static com.ecommerce.infrastructure.ApiAssertions.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is a 400 naming the field; same context as PaymentApiTests, so it is shared. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "payment.gateway.failure-rate=0")
@WithInfrastructure({ Service.MONGODB, Service.RABBITMQ })
class PaymentValidationTests {

	@Autowired
	ApiClient api;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"amount\":100}|orderId",
			"{\"orderId\":\"bad id!\",\"amount\":100}|orderId",
			"{\"orderId\":\"ord_x\"}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":0}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":-1}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":1.5}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":\"100\"}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":10000000001}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":9000000000000000000}|amount",
			"{\"orderId\":\"ord_x\",\"amount\":100,\"paymentMethod\":\"bitcoin\"}|paymentMethod",
			"{\"orderId\":\"ord_x\",\"amount\":100,\"idempotencyKey\":\"\"}|idempotencyKey",
			"{\"orderId\":\"ord_x\",\"amount\":100,\"customerId\":\"a b\"}|customerId" })
	void aBadBodyIs400NamingTheField(String body, String field) {
		assertValidationError(this.api.post(PaymentApiTests.PROCESS, body), field);
	}

	/** An unknown payment method hides no other error of the body: every bad field is named at once. */
	@Test
	void everyBadFieldIsNamedWithAnUnknownMethodAmongThem() {
		var response = this.api.post(PaymentApiTests.PROCESS, "{\"orderId\":\"bad id!\",\"amount\":0,\"paymentMethod\":\"bitcoin\"}");
		assertValidationError(response, "orderId");
		assertValidationError(response, "amount");
		assertValidationError(response, "paymentMethod");
		assertThat(response.json().at("/details/errors").toString()).contains(
				"must be one of [credit_card, debit_card, paypal, bank_transfer, test_declined]");
	}

	@Test
	void theLargestAmountIsMaxCentsAndOneCentMoreIsNamed() {
		var tooLarge = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(),
				Money.MAX_CENTS + 1));
		assertValidationError(tooLarge, "amount");
		assertThat(tooLarge.json().at("/details/errors/0/message").asString())
			.isEqualTo("must be at most 10000000000 cents");

		var largest = this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment(PaymentBodies.orderId(),
				Money.MAX_CENTS));
		assertThat(largest.status()).as(largest.body()).isEqualTo(201);
		assertThat(largest.json().at("/data/amount").asLong()).isEqualTo(10_000_000_000L);
	}

	@Test
	void aKeyOver255CharactersIs400() {
		String key = "k".repeat(256);
		assertValidationError(this.api.post(PaymentApiTests.PROCESS,
				"{\"orderId\":\"ord_x\",\"amount\":100,\"idempotencyKey\":\"" + key + "\"}"), "idempotencyKey");
		assertValidationError(this.api.post(PaymentApiTests.PROCESS, PaymentBodies.payment("ord_x", 100),
				"Idempotency-Key", key), "Idempotency-Key");
	}

	@ParameterizedTest
	@ValueSource(strings = { "status=pending", "page=0", "limit=101", "orderId=a%20b", "status=completed&status=failed" })
	void aBadListQueryIs400(String query) {
		var response = this.api.get("/api/v1/payments?" + query);
		assertValidationError(response, query.substring(0, query.indexOf('=')));
	}

	/** A NoSQL operator in a parameter's name is refused, naming it, not bound into the filter (nor a 500). */
	@ParameterizedTest
	@ValueSource(strings = { "customerId[$ne]", "orderId[$gt]", "status[$in][]" })
	void anOperatorInAListParameterNameIs400(String name) {
		var response = this.api.get("/api/v1/payments?" + ApiClient.encode(name) + "=x");
		assertValidationError(response, name);
	}

	@Test
	void aBadIdInThePathIs400() {
		assertValidationError(this.api.get("/api/v1/payments/bad%20id"), "paymentId");
		assertValidationError(this.api.post("/api/v1/payments/bad%20id/refund", "{}"), "paymentId");
	}

}
