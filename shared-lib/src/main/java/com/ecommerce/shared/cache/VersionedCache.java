package com.ecommerce.shared.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A read-through cache in Redis ({@link #getOrLoad}) that never serves a version older than the last write it was
 * told about.
 *
 * <p>
 * Each entry carries the version of the document it copies ({@link Versioned}). A write stores only if it is newer
 * than what the cache holds (one Lua script, so atomic), so a slow reader that loaded version 3 can't overwrite the
 * version 4 a writer just put, and a deleted document leaves a tombstone that outranks every version. Redis is an
 * optimisation here: when it can't be reached, reads go to the database, the cache is left alone for a few seconds
 * (so that an outage costs one time-out, not one per request), and the keys whose writes it missed are dropped as soon
 * as it answers again, before anything is read from it.
 */
public class VersionedCache<T extends Versioned> {

	/** Outranks every real version: a deleted document stays deleted in the cache. */
	static final long TOMBSTONE = Long.MAX_VALUE / 2;

	private static final Logger log = LoggerFactory.getLogger(VersionedCache.class);

	private static final RedisScript<Long> PUT_IF_NEWER = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
			  local version = tonumber(string.match(current, '^(%d+)|'))
			  if version and version >= tonumber(ARGV[1]) then return 0 end
			end
			redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Class<T> type;

	private final String prefix;

	private final Duration ttl;

	private final Set<String> missedWrites = ConcurrentHashMap.newKeySet();

	private final Duration pauseAfterFailure;

	private volatile long pausedUntilNanos = System.nanoTime();

	public VersionedCache(StringRedisTemplate redis, JsonMapper json, Class<T> type, String name, Duration ttl,
			Duration pauseAfterFailure) {
		this.redis = redis;
		this.json = json;
		this.type = type;
		this.prefix = name + ":";
		this.ttl = ttl;
		this.pauseAfterFailure = pauseAfterFailure;
	}

	/**
	 * The value of {@code id}: the cached copy, else what {@code loader} finds (which is then cached at its version).
	 * Empty when the loader finds nothing, or the cache knows the document was deleted.
	 */
	public Optional<T> getOrLoad(String id, Function<String, Optional<T>> loader) {
		Lookup<T> cached = get(id);
		if (cached.isDeleted()) {
			return Optional.empty();
		}
		if (cached.value() != null) {
			return Optional.of(cached.value());
		}
		Optional<T> loaded = loader.apply(id);
		loaded.ifPresent((value) -> put(id, value));
		return loaded;
	}

	/** Remembers {@code value} at its version, unless the cache already holds that version or a newer one. */
	public void put(String id, T value) {
		store(id, value.version(), this.json.writeValueAsString(value));
	}

	/** Marks {@code id} deleted, so that no reader still holding the old document can put it back. */
	public void deleted(String id) {
		store(id, TOMBSTONE, "");
	}

	/** What the cache knows of {@code id}: a value, that it was deleted, or nothing (ask the database). */
	private Lookup<T> get(String id) {
		if (isPaused()) {
			return Lookup.miss();
		}
		try {
			dropMissedWrites();
			String entry = this.redis.opsForValue().get(this.prefix + id);
			if (entry == null) {
				return Lookup.miss();
			}
			int bar = entry.indexOf('|');
			if (Long.parseLong(entry, 0, bar, 10) >= TOMBSTONE) {
				return Lookup.deleted();
			}
			return Lookup.hit(this.json.readValue(entry.substring(bar + 1), this.type));
		}
		catch (RuntimeException ex) {
			unavailable("read", id, ex);
			return Lookup.miss();
		}
	}

	private void store(String id, long version, String payload) {
		if (isPaused()) {
			this.missedWrites.add(this.prefix + id);
			return;
		}
		try {
			dropMissedWrites();
			this.redis.execute(PUT_IF_NEWER, List.of(this.prefix + id), Long.toString(version), payload,
					Long.toString(this.ttl.toMillis()));
		}
		catch (RuntimeException ex) {
			this.missedWrites.add(this.prefix + id);
			unavailable("write", id, ex);
		}
	}

	private void dropMissedWrites() {
		if (!this.missedWrites.isEmpty()) {
			Set<String> keys = Set.copyOf(this.missedWrites);
			this.redis.delete(keys);
			this.missedWrites.removeAll(keys);
		}
	}

	private boolean isPaused() {
		return System.nanoTime() - this.pausedUntilNanos < 0;
	}

	private void unavailable(String operation, String id, RuntimeException ex) {
		this.pausedUntilNanos = System.nanoTime() + this.pauseAfterFailure.toNanos();
		log.warn("Cache {} of {}{} skipped: {}", operation, this.prefix, id, ex.getMessage());
	}

	/** What the cache knows of an id: a value, that it was deleted, or nothing. */
	private record Lookup<T>(T value, boolean isDeleted) {

		static <T> Lookup<T> hit(T value) {
			return new Lookup<>(value, false);
		}

		static <T> Lookup<T> deleted() {
			return new Lookup<>(null, true);
		}

		static <T> Lookup<T> miss() {
			return new Lookup<>(null, false);
		}

	}

}
