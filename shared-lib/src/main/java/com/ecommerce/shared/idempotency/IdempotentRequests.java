package com.ecommerce.shared.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.config.EcommerceProperties;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * Runs the work of a request once per idempotency key, and answers every repeat of the key with what that work
 * created. A key is one document whose id is scope + ":" + key, so of concurrent first requests exactly one insert
 * succeeds: that request runs the work, the others wait for it to bind the key to its resource.
 */
public class IdempotentRequests {

	private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final MongoTemplate mongo;

	private final EcommerceProperties.Idempotency settings;

	public IdempotentRequests(MongoTemplate mongo, EcommerceProperties.Idempotency settings) {
		this.mongo = mongo;
		this.settings = settings;
		// The key document lives outside the service's packages, which the mapping context is built from: made known
		// here, so that DocumentIndexes creates its TTL index with the service's own at start-up.
		mongo.getConverter().getMappingContext().getPersistentEntity(IdempotencyKey.class);
	}

	/**
	 * Runs {@code work} once per (scope, key). The first request claims the key and runs the work, which calls
	 * {@link KeyBinding#bind} as soon as its resource exists; should it throw before that, the key is released so
	 * that a retry runs afresh. A repeat with the same fingerprint gets {@code replay.apply(resourceId)}, replayed;
	 * one arriving while the first has not bound yet waits up to the in-flight wait, then is a 409
	 * {@code IDEMPOTENCY_IN_PROGRESS}. Another fingerprint under the key is a 422 {@code IDEMPOTENCY_KEY_REUSED}. A
	 * key held unbound past the lease belongs to a request that died, and is taken over.
	 */
	public <T> Idempotent<T> run(String scope, String key, String fingerprint, Function<KeyBinding, T> work,
			Function<String, T> replay) {
		String id = scope + ":" + key;
		Instant deadline = Instant.now().plus(this.settings.inFlightWait());
		while (true) {
			Instant now = Times.now();
			String owner = UUID.randomUUID().toString();
			if (claim(new IdempotencyKey(id, fingerprint, owner, null, now, now.plus(this.settings.retention())))) {
				return new Idempotent<>(runClaimed(id, owner, work), false);
			}
			IdempotencyKey held = this.mongo.findById(id, IdempotencyKey.class);
			if (held == null) {
				continue; // released or removed in between: claim again
			}
			if (held.expired(now)) {
				removeIfExpired(id, now);
				continue;
			}
			if (!held.fingerprint().equals(fingerprint)) {
				throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
						"This idempotency key was used for a different request");
			}
			if (held.bound()) {
				return new Idempotent<>(replay.apply(held.resourceId()), true);
			}
			if (held.claimedAt().plus(this.settings.lease()).isBefore(now)) {
				if (takeOver(held, owner, now)) {
					return new Idempotent<>(runClaimed(id, owner, work), false);
				}
				continue;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
						"A request with this idempotency key is still being processed; retry shortly");
			}
			pause();
		}
	}

	/**
	 * Removes the keys past their retention, for stores that do not expire TTL indexes (MongoDB's own TTL index does
	 * it too). Runs only in services that enable scheduling.
	 */
	@Scheduled(fixedDelayString = "${ecommerce.idempotency.cleanup-interval:10m}", initialDelay = 60_000)
	public void removeExpired() {
		try {
			long removed = this.mongo
				.remove(Query.query(Criteria.where(IdempotencyKey.EXPIRES_AT).lt(Times.now())), IdempotencyKey.class)
				.getDeletedCount();
			if (removed > 0) {
				log.info("Removed {} expired idempotency keys", removed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove expired idempotency keys: {}", ex.toString());
		}
	}

	private boolean claim(IdempotencyKey key) {
		try {
			this.mongo.insert(key);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // someone holds the key
		}
	}

	private <T> T runClaimed(String id, String owner, Function<KeyBinding, T> work) {
		Binding binding = new Binding(id, owner);
		try {
			return work.apply(binding);
		}
		catch (RuntimeException ex) {
			if (!binding.bound) {
				release(id, owner);
			}
			throw ex;
		}
	}

	/** Gives up a key still unbound, so that a retry runs afresh; guarded, so a bound key is never removed. */
	private void release(String id, String owner) {
		try {
			this.mongo.remove(unboundOf(id, owner), IdempotencyKey.class);
		}
		catch (RuntimeException ex) {
			// The work's failure matters more; the key is taken over after the lease, or expires.
			log.warn("Could not release idempotency key: {}", ex.toString());
		}
	}

	/**
	 * Takes a key whose request has held it unbound past the lease, guarded on that request still holding it.
	 * Should that request be alive after all, its late binding finds the key no longer its own, changes nothing, and
	 * tells it so.
	 */
	private boolean takeOver(IdempotencyKey held, String owner, Instant now) {
		Update update = new Update().set(IdempotencyKey.OWNER, owner)
			.set(IdempotencyKey.CLAIMED_AT, now)
			.set(IdempotencyKey.EXPIRES_AT, now.plus(this.settings.retention()));
		if (this.mongo.updateFirst(unboundOf(held.id(), held.owner()), update, IdempotencyKey.class)
			.getModifiedCount() == 0) {
			return false;
		}
		log.warn("Took over idempotency key held unbound past its lease since {}", held.claimedAt());
		return true;
	}

	private void removeIfExpired(String id, Instant now) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(id).and(IdempotencyKey.EXPIRES_AT).lt(now)),
				IdempotencyKey.class);
	}

	private static Query unboundOf(String id, String owner) {
		return Query.query(Criteria.where("_id")
			.is(id)
			.and(IdempotencyKey.OWNER)
			.is(owner)
			.and(IdempotencyKey.RESOURCE_ID)
			.is(null));
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an idempotency key", ex);
		}
	}

	/** The claiming request's binding: sets the resource on the key while the request still owns it. */
	private final class Binding implements KeyBinding {

		private final String id;

		private final String owner;

		private boolean bound;

		private Binding(String id, String owner) {
			this.id = id;
			this.owner = owner;
		}

		@Override
		public boolean bind(String resourceId) {
			long modified = IdempotentRequests.this.mongo
				.updateFirst(unboundOf(this.id, this.owner), Update.update(IdempotencyKey.RESOURCE_ID, resourceId),
						IdempotencyKey.class)
				.getModifiedCount();
			this.bound = true;
			if (modified == 0) {
				log.warn("Idempotency key {} was taken over before it could be bound to {}", this.id, resourceId);
			}
			return modified > 0;
		}

		@Override
		public void forget() {
			IdempotentRequests.this.mongo.remove(
					Query.query(Criteria.where("_id").is(this.id).and(IdempotencyKey.OWNER).is(this.owner)),
					IdempotencyKey.class);
		}

	}

}
