package com.ecommerce.shared.cache;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-through: what is read from the database is cached at its version, and never over a newer copy. */
@SpringBootTest(classes = TestApplication.class)
@WithInfrastructure(Service.REDIS)
class VersionedCacheTests {

	@Autowired
	StringRedisTemplate redis;

	private final VersionedCache<Thing> cache;

	private final AtomicInteger loads = new AtomicInteger();

	@Autowired
	VersionedCacheTests(VersionedCaches caches) {
		this.cache = caches.create("thing", Thing.class);
	}

	@Test
	void aMissIsLoadedOnceAndCachedAtItsVersion() {
		String id = id();
		assertThat(this.cache.getOrLoad(id, (key) -> load(new Thing("loaded", 3)))).contains(new Thing("loaded", 3));
		assertThat(this.redis.opsForValue().get("thing:" + id)).startsWith("3|");

		assertThat(this.cache.getOrLoad(id, (key) -> load(new Thing("again", 3)))).contains(new Thing("loaded", 3));
		assertThat(this.loads).hasValue(1);
	}

	@Test
	void nothingFoundIsEmptyAndNotCached() {
		String id = id();
		assertThat(this.cache.getOrLoad(id, (key) -> Optional.empty())).isEmpty();
		assertThat(this.redis.hasKey("thing:" + id)).isFalse();
	}

	@Test
	void aDeletedDocumentIsEmptyWithoutAskingTheDatabase() {
		String id = id();
		this.cache.put(id, new Thing("before", 1));
		this.cache.deleted(id);
		assertThat(this.cache.getOrLoad(id, (key) -> load(new Thing("still stored", 1)))).isEmpty();
		assertThat(this.loads).hasValue(0);
	}

	@Test
	void aSlowReaderDoesNotPutAnOlderCopyOverANewerOne() {
		String id = id();
		this.cache.put(id, new Thing("newer", 2));
		this.cache.put(id, new Thing("older", 1));
		assertThat(this.cache.getOrLoad(id, (key) -> load(new Thing("stored", 2)))).contains(new Thing("newer", 2));
	}

	private Optional<Thing> load(Thing thing) {
		this.loads.incrementAndGet();
		return Optional.of(thing);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	record Thing(String name, long version) implements Versioned {
	}

}
