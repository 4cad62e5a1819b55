package com.ecommerce.shared.lock;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Locks held in Redis. Redisson's locks are re-entrant for the thread that holds them, so whether a lock is free is
 * always checked from another thread than the one that held it.
 */
@SpringBootTest(classes = TestApplication.class)
@WithInfrastructure(Service.REDIS)
class LocksTests {

	@Autowired
	Locks locks;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void aSecondCallerIsToldTheLockIsBusyWhileTheFirstHoldsIt() throws Exception {
		String key = key();
		whileHeldElsewhere(key, () -> {
			ApiException busy = catchThrowableOfType(ApiException.class,
					() -> this.locks.withLock(key, "An order for this customer is in progress", () -> "second"));
			assertThat(busy.code()).isEqualTo(ErrorCode.CONFLICT);
			assertThat(busy.getMessage()).isEqualTo("An order for this customer is in progress");
		});
		assertThat(this.locks.withLock(key, "busy", () -> "after")).as("released after the work").isEqualTo("after");
	}

	@Test
	void differentKeysDoNotBlockEachOther() throws Exception {
		String key = key();
		whileHeldElsewhere(key,
				() -> assertThat(this.locks.withLock(key + ":other", "busy", () -> "other")).isEqualTo("other"));
	}

	@Test
	void whatTheWorkThrowsPassesThroughAndTheLockIsReleased() throws Exception {
		String key = key();
		IllegalStateException failure = new IllegalStateException("work failed");
		Future<Throwable> thrown = this.threads.submit(() -> {
			try {
				this.locks.withLock(key, "busy", () -> {
					throw failure;
				});
				return null;
			}
			catch (RuntimeException ex) {
				return ex;
			}
		});
		assertThat(thrown.get(5, TimeUnit.SECONDS)).isSameAs(failure);
		assertThat(this.locks.withLock(key, "busy", () -> "after")).isEqualTo("after");

		ApiException apiFailure = ApiException.notFound("Customer", "c1");
		assertThatThrownBy(() -> this.locks.withLock(key, "busy", () -> {
			throw apiFailure;
		})).isSameAs(apiFailure);
	}

	/**
	 * Runs {@code meanwhile} while another thread holds {@code key}, then lets that thread finish its work under the
	 * lock.
	 */
	private void whileHeldElsewhere(String key, Runnable meanwhile) throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<String> first = this.threads.submit(() -> this.locks.withLock(key, "busy", () -> {
			held.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "first";
		}));
		try {
			assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
			meanwhile.run();
		}
		finally {
			release.countDown();
		}
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
	}

	private static String key() {
		return "lock:test:" + System.nanoTime();
	}

}
