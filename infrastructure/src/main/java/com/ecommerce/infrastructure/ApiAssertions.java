package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the API contract's envelopes, shared by every service's tests. */
public final class ApiAssertions {

	private ApiAssertions() {
	}

	/** A 400 {@code VALIDATION_ERROR} whose {@code details.errors} names {@code field}, with a request id. */
	public static void assertValidationError(ApiClient.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(response.json().at("/details/errors").findValuesAsString("field")).as(response.body()).contains(field);
		assertThat(response.json().get("requestId").asString()).isNotBlank();
	}

	/** An error envelope with this status and code. */
	public static void assertError(ApiClient.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("code").asString()).isEqualTo(code);
	}

}
