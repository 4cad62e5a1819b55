package com.ecommerce.shared.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.ServiceUnavailableException;

/**
 * Mutual exclusion across all instances of a service, held in Redis. A lock is taken without a lease time, so
 * Redisson's watchdog keeps extending it while this instance lives and works, and lets it expire soon after a crash.
 * Waiting is short on purpose: a caller that finds the lock taken gets a 409 at once rather than queueing behind
 * the holder.
 */
public class Locks {

	private static final Logger log = LoggerFactory.getLogger(Locks.class);

	private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(5);

	private final ObjectProvider<RedissonClient> redisson;

	private final Duration waitTime;

	/**
	 * @param redisson looked up on first use, so a service that never locks never starts Redisson's threads
	 */
	public Locks(ObjectProvider<RedissonClient> redisson, Duration waitTime) {
		this.redisson = redisson;
		this.waitTime = waitTime;
	}

	/**
	 * Runs work while holding the Redis lock {@code key}; waits at most {@code ecommerce.lock.wait-time} for it.
	 * @throws ApiException {@code CONFLICT} with {@code busyMessage} when someone else holds the lock
	 * @throws ServiceUnavailableException when Redis can't be reached; whatever {@code work} throws passes through
	 */
	public <T> T withLock(String key, String busyMessage, Supplier<T> work) {
		RLock lock = acquire(key, busyMessage);
		try {
			return work.get();
		}
		finally {
			release(lock);
		}
	}

	private RLock acquire(String key, String busyMessage) {
		boolean acquired;
		RLock lock;
		try {
			lock = this.redisson.getObject().getLock(key);
			acquired = lock.tryLock(this.waitTime.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
		catch (RuntimeException ex) { // Redisson's RedisException and its kin; the work itself is not in this try
			log.warn("Could not take lock {}: {}", key, ex.getMessage());
			throw unavailable();
		}
		if (!acquired) {
			throw new ApiException(ErrorCode.CONFLICT, busyMessage);
		}
		return lock;
	}

	/** A lock that can't be released now expires once the watchdog stops renewing it; the work's outcome stands. */
	private static void release(RLock lock) {
		try {
			if (lock.isHeldByCurrentThread()) {
				lock.unlock();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not release lock {}: {}", lock.getName(), ex.getMessage());
		}
	}

	private static ServiceUnavailableException unavailable() {
		return new ServiceUnavailableException("Lock service (Redis) is unavailable", RETRY_AFTER_OUTAGE);
	}

}
