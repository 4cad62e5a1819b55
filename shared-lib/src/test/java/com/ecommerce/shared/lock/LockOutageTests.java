package com.ecommerce.shared.lock;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.ServiceUnavailableException;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** With Redis gone, taking a lock fails fast with a 503 instead of hanging the request. Owns its Redis to stop it. */
@SpringBootTest(classes = TestApplication.class)
@WithInfrastructure(value = {}, ownRedis = true)
class LockOutageTests {

	@Autowired
	EmbeddedRedis redis;

	@Autowired
	Locks locks;

	@Test
	void aLockWithRedisDownIsServiceUnavailableWithinSeconds() {
		assertThat(this.locks.withLock("lock:outage", "busy", () -> "up")).isEqualTo("up");

		this.redis.stop();
		long start = System.nanoTime();
		ServiceUnavailableException ex = catchThrowableOfType(ServiceUnavailableException.class,
				() -> this.locks.withLock("lock:outage", "busy", () -> "never"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo("Lock service (Redis) is unavailable");
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(5));
	}

}
