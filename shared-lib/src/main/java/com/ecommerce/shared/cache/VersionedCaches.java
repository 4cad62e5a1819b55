package com.ecommerce.shared.cache;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

/** Makes the {@link VersionedCache}s of a service, all with the configured time to live. */
public class VersionedCaches {

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Duration ttl;

	private final Duration pauseAfterFailure;

	public VersionedCaches(StringRedisTemplate redis, JsonMapper json, Duration ttl, Duration pauseAfterFailure) {
		this.redis = redis;
		this.json = json;
		this.ttl = ttl;
		this.pauseAfterFailure = pauseAfterFailure;
	}

	public <T extends Versioned> VersionedCache<T> create(String name, Class<T> type) {
		return new VersionedCache<>(this.redis, this.json, type, name, this.ttl, this.pauseAfterFailure);
	}

}
