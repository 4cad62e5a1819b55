package com.ecommerce.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * The idempotency keys of payment requests. The key's document id is the key, so of concurrent first requests
 * exactly one insert succeeds: that request processes the payment, the others wait for its result.
 */
@Component
class IdempotencyKeys implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final MongoTemplate mongo;

	private final PaymentProperties.Idempotency settings;

	IdempotencyKeys(MongoTemplate mongo, PaymentProperties properties) {
		this.mongo = mongo;
		this.settings = properties.idempotency();
	}

	/**
	 * A TTL index for a real MongoDB; the embedded one (tests, local stack) never expires documents, which is why
	 * {@link #removeExpired()} also runs.
	 */
	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(IdempotencyKey.class)
			.createIndex(new Index().on(IdempotencyKey.EXPIRES_AT, Sort.Direction.ASC)
				.expire(Duration.ZERO)
				.named("expiresAt_ttl"));
	}

	/**
	 * Claims {@code key} for a request with this fingerprint: either the caller now owns it and must
	 * {@link #finish} or {@link #release} it, or the key already holds a finished answer to replay. A key held for
	 * another request is a 422; one still in flight is waited for, then a 409.
	 */
	Claim claim(String key, String requestHash) {
		Instant deadline = Instant.now().plus(this.settings.inFlightWait());
		while (true) {
			Instant now = Times.now();
			String owner = UUID.randomUUID().toString();
			try {
				this.mongo.insert(new IdempotencyKey(key, requestHash, owner, IdempotencyKey.State.in_progress, null,
						null, null, now, now.plus(this.settings.retention())));
				return new Claim(owner, null);
			}
			catch (DuplicateKeyException ex) {
				// Someone holds the key: look at what they hold.
			}
			IdempotencyKey held = this.mongo.findById(key, IdempotencyKey.class);
			if (held == null) {
				continue; // released or removed in between: try to claim again
			}
			if (held.expired(now)) {
				removeIfExpired(key, now);
				continue;
			}
			if (!held.requestHash().equals(requestHash)) {
				throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
						"This idempotency key was used for a different request");
			}
			if (held.state() == IdempotencyKey.State.done) {
				return new Claim(null, held);
			}
			if (held.createdAt().plus(this.settings.lease()).isBefore(now)) {
				Claim taken = takeOver(held, now);
				if (taken != null) {
					return taken;
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

	/** Stores the answer of the owner's request, for every repeat to replay. */
	void finish(String key, Claim claim, int statusCode, String paymentId, String body) {
		Query query = Query.query(Criteria.where("_id").is(key).and(IdempotencyKey.OWNER).is(claim.owner()));
		Update update = new Update().set(IdempotencyKey.STATE, IdempotencyKey.State.done.name())
			.set(IdempotencyKey.STATUS_CODE, statusCode)
			.set(IdempotencyKey.PAYMENT_ID, paymentId)
			.set(IdempotencyKey.BODY, body);
		this.mongo.updateFirst(query, update, IdempotencyKey.class);
	}

	/** Gives the key up after a failure that isn't an answer (a conflict, an outage), so a retry runs afresh. */
	void release(String key, Claim claim) {
		try {
			this.mongo.remove(Query.query(Criteria.where("_id")
				.is(key)
				.and(IdempotencyKey.OWNER)
				.is(claim.owner())
				.and(IdempotencyKey.STATE)
				.is(IdempotencyKey.State.in_progress.name())), IdempotencyKey.class);
		}
		catch (RuntimeException ex) {
			// The original failure matters more; the key is released when it expires.
			log.warn("Could not release idempotency key: {}", ex.toString());
		}
	}

	@Scheduled(fixedDelayString = "${payment.idempotency.cleanup-interval-ms:600000}", initialDelay = 60_000)
	void removeExpired() {
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

	/**
	 * Takes a key whose request has held it past the lease, guarded on that request still holding it. Should that
	 * request still be alive after all, its late answer isn't stored, and the unique completed-order index still
	 * stops a second completed payment.
	 */
	private Claim takeOver(IdempotencyKey held, Instant now) {
		String owner = UUID.randomUUID().toString();
		Query query = Query.query(Criteria.where("_id")
			.is(held.key())
			.and(IdempotencyKey.OWNER)
			.is(held.owner())
			.and(IdempotencyKey.STATE)
			.is(IdempotencyKey.State.in_progress.name()));
		Update update = new Update().set(IdempotencyKey.OWNER, owner).set(IdempotencyKey.CREATED_AT, now);
		if (this.mongo.updateFirst(query, update, IdempotencyKey.class).getModifiedCount() == 0) {
			return null;
		}
		log.warn("Took over idempotency key held past its lease since {}", held.createdAt());
		return new Claim(owner, null);
	}

	private void removeIfExpired(String key, Instant now) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(key).and(IdempotencyKey.EXPIRES_AT).lt(now)),
				IdempotencyKey.class);
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

	/** Either {@code owner} (this request processes) or {@code finished} (replay it). */
	record Claim(String owner, IdempotencyKey finished) {

		boolean isReplay() {
			return this.finished != null;
		}

	}

}
