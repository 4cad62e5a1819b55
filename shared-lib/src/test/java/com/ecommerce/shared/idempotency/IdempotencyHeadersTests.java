package com.ecommerce.shared.idempotency;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.error.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdempotencyHeadersTests {

	@Test
	void noKeyStaysNoKeyAndOneTo255CharactersPass() {
		assertThat(IdempotencyHeaders.validated(null)).isNull();
		assertThat(IdempotencyHeaders.validated("k")).isEqualTo("k");
		assertThat(IdempotencyHeaders.validated("k".repeat(255))).hasSize(255);
	}

	@Test
	void anEmptyOrOverlongKeyIs400NamingTheHeader() {
		for (String key : List.of("", "k".repeat(256))) {
			ApiException invalid = catchThrowableOfType(ApiException.class, () -> IdempotencyHeaders.validated(key));
			assertThat(invalid.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
			assertThat(invalid.details()).isEqualTo(
					Map.of("errors", List.of(new FieldError("Idempotency-Key", "must be 1 to 255 characters"))));
		}
	}

}
