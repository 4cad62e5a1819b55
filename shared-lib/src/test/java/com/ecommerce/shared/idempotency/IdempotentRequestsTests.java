package com.ecommerce.shared.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.config.EcommerceProperties;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.mongo.DocumentIndexes;
import com.ecommerce.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The idempotency component against MongoDB. A request "in flight" is work blocked on a latch on another thread;
 * settings that a test needs shorter (the wait, the lease) come from an instance of its own on the same database.
 */
@SpringBootTest(classes = TestApplication.class)
@WithInfrastructure(Service.MONGODB)
class IdempotentRequestsTests {

	private static final String SCOPE = "test";

	private static final Function<String, String> REPLAY = (resourceId) -> "replayed " + resourceId;

	@Autowired
	IdempotentRequests requests;

	@Autowired
	MongoTemplate mongo;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void theFirstRequestRunsTheWorkAndARepeatGetsTheReplayOfItsResource() {
		String key = key();
		AtomicInteger runs = new AtomicInteger();
		Function<KeyBinding, String> work = (binding) -> {
			runs.incrementAndGet();
			binding.bind("res-1");
			return "made res-1";
		};
		assertThat(this.requests.run(SCOPE, key, "f", work, REPLAY)).isEqualTo(new Idempotent<>("made res-1", false));
		assertThat(this.requests.run(SCOPE, key, "f", work, REPLAY))
			.isEqualTo(new Idempotent<>("replayed res-1", true));
		assertThat(runs).hasValue(1);

		IdempotencyKey stored = this.mongo.findById(SCOPE + ":" + key, IdempotencyKey.class);
		assertThat(stored.resourceId()).isEqualTo("res-1");
		assertThat(stored.expiresAt()).isEqualTo(stored.claimedAt().plus(Duration.ofHours(24)));
		// The scope is part of the key: the same key elsewhere is another key.
		assertThat(this.requests.run("other", key, "f", work, REPLAY).replayed()).isFalse();
	}

	@Test
	void anotherFingerprintUnderTheKeyIs422() {
		String key = key();
		this.requests.run(SCOPE, key, "f", bindingTo("res"), REPLAY);
		ApiException reused = catchThrowableOfType(ApiException.class,
				() -> this.requests.run(SCOPE, key, "g", bindingTo("other"), REPLAY));
		assertThat(reused.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
	}

	@Test
	void aRepeatWhileTheFirstIsInFlightWaitsThenIs409AndAnotherFingerprintIs422AtOnce() throws Exception {
		IdempotentRequests shortWait = withSettings(Duration.ofMillis(300), Duration.ofSeconds(30));
		String key = key();
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<Idempotent<String>> first = inFlight(shortWait, key, claimed, finish, "res");
		try {
			assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();
			ApiException inProgress = catchThrowableOfType(ApiException.class,
					() -> shortWait.run(SCOPE, key, "f", bindingTo("second"), REPLAY));
			assertThat(inProgress.code()).isEqualTo(ErrorCode.IDEMPOTENCY_IN_PROGRESS);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

			started = System.nanoTime();
			ApiException reused = catchThrowableOfType(ApiException.class,
					() -> shortWait.run(SCOPE, key, "g", bindingTo("second"), REPLAY));
			assertThat(reused.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
		}
		finally {
			finish.countDown();
		}
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new Idempotent<>("made res", false));
		assertThat(shortWait.run(SCOPE, key, "f", bindingTo("second"), REPLAY))
			.isEqualTo(new Idempotent<>("replayed res", true));
	}

	@Test
	void aRepeatWaitingForTheFirstGetsTheReplayOnceItBinds() throws Exception {
		String key = key();
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<Idempotent<String>> first = inFlight(this.requests, key, claimed, finish, "res");
		assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();
		CountDownLatch repeating = new CountDownLatch(1);
		Future<Idempotent<String>> repeat = this.threads.submit(() -> {
			repeating.countDown();
			return this.requests.run(SCOPE, key, "f", bindingTo("second"), REPLAY);
		});
		assertThat(repeating.await(5, TimeUnit.SECONDS)).isTrue();
		finish.countDown();
		assertThat(repeat.get(5, TimeUnit.SECONDS)).isEqualTo(new Idempotent<>("replayed res", true));
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new Idempotent<>("made res", false));
	}

	@Test
	void workFailingBeforeItBindsReleasesTheKeySoARetryRunsAfresh() {
		String key = key();
		IllegalStateException failure = new IllegalStateException("store down");
		assertThatThrownBy(() -> this.requests.run(SCOPE, key, "f", (binding) -> {
			throw failure;
		}, REPLAY)).isSameAs(failure);
		assertThat(this.mongo.findById(SCOPE + ":" + key, IdempotencyKey.class)).isNull();
		assertThat(this.requests.run(SCOPE, key, "f", bindingTo("res"), REPLAY))
			.isEqualTo(new Idempotent<>("made res", false));
	}

	@Test
	void workFailingAfterItBoundLeavesTheKeyBound() {
		String key = key();
		IllegalStateException failure = new IllegalStateException("answer lost");
		assertThatThrownBy(() -> this.requests.run(SCOPE, key, "f", (binding) -> {
			binding.bind("res");
			throw failure;
		}, REPLAY)).isSameAs(failure);
		AtomicInteger runs = new AtomicInteger();
		assertThat(this.requests.run(SCOPE, key, "f", (binding) -> {
			runs.incrementAndGet();
			return "made again";
		}, REPLAY)).isEqualTo(new Idempotent<>("replayed res", true));
		assertThat(runs).hasValue(0);
	}

	@Test
	void ofConcurrentFirstRequestsOneRunsTheWorkAndTheOthersReplayIt() {
		String key = key();
		AtomicInteger runs = new AtomicInteger();
		List<Idempotent<String>> results = Concurrently.run(12,
				() -> this.requests.run(SCOPE, key, "f", (binding) -> {
					String resource = "res-" + runs.incrementAndGet();
					binding.bind(resource);
					return "made " + resource;
				}, REPLAY));
		assertThat(runs).hasValue(1);
		assertThat(results).filteredOn((result) -> !result.replayed())
			.containsExactly(new Idempotent<>("made res-1", false));
		assertThat(results).filteredOn(Idempotent::replayed)
			.hasSize(11)
			.allSatisfy((result) -> assertThat(result.value()).isEqualTo("replayed res-1"));
	}

	@Test
	void aKeyHeldUnboundPastTheLeaseIsTakenOverAndTheLateBindingChangesNothing() throws Exception {
		IdempotentRequests shortLease = withSettings(Duration.ofSeconds(5), Duration.ofMillis(200));
		String key = key();
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		// As good as dead: it holds the key without binding it until the takeover is done.
		Future<Idempotent<String>> stuck = inFlight(shortLease, key, claimed, finish, "res-late");
		try {
			assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(shortLease.run(SCOPE, key, "f", bindingTo("res-new"), REPLAY))
				.isEqualTo(new Idempotent<>("made res-new", false));
		}
		finally {
			finish.countDown();
		}
		assertThat(stuck.get(5, TimeUnit.SECONDS)).isEqualTo(new Idempotent<>("lost the key before res-late", false));
		assertThat(shortLease.run(SCOPE, key, "f", bindingTo("res-3"), REPLAY))
			.isEqualTo(new Idempotent<>("replayed res-new", true));
	}

	@Test
	void anExpiredKeyIsClaimableAgainAndTheCleanupRemovesExpiredKeys() {
		Instant longAgo = Times.now().minus(Duration.ofDays(2));
		String key = key();
		this.mongo.insert(new IdempotencyKey(SCOPE + ":" + key, "another request", "gone", "res-old", longAgo,
				longAgo.plus(Duration.ofDays(1))));
		assertThat(this.requests.run(SCOPE, key, "f", bindingTo("res-new"), REPLAY))
			.isEqualTo(new Idempotent<>("made res-new", false));

		String stale = SCOPE + ":" + key();
		this.mongo.insert(new IdempotencyKey(stale, "f", "gone", "res-old", longAgo, longAgo.plus(Duration.ofDays(1))));
		this.requests.removeExpired();
		assertThat(this.mongo.findById(stale, IdempotencyKey.class)).isNull();
		assertThat(this.mongo.findById(SCOPE + ":" + key, IdempotencyKey.class).resourceId()).isEqualTo("res-new");
	}

	@Test
	void theCleanupFindsTheExpiredKeysThroughTheTtlIndex() {
		new DocumentIndexes(this.mongo).afterSingletonsInstantiated();
		Instant longAgo = Times.now().minus(Duration.ofDays(2));
		String stale = SCOPE + ":" + key();
		this.mongo.insert(new IdempotencyKey(stale, "f", "gone", "res-old", longAgo, longAgo.plus(Duration.ofDays(1))));
		CollectionScans.reset();

		this.requests.removeExpired();

		assertThat(this.mongo.findById(stale, IdempotencyKey.class)).isNull();
		assertThat(CollectionScans.count(this.mongo.getDb().getName(), IdempotencyKey.COLLECTION)).isZero();
	}

	@Test
	void theKeysGetATtlIndexOnExpiresAtAtStartUp() {
		new DocumentIndexes(this.mongo).afterSingletonsInstantiated();
		IndexInfo ttl = this.mongo.indexOps(IdempotencyKey.COLLECTION)
			.getIndexInfo()
			.stream()
			.filter((index) -> index.getName().equals("expiresAt_ttl"))
			.findFirst()
			.orElseThrow();
		assertThat(ttl.getIndexFields()).extracting((field) -> field.getKey()).containsExactly("expiresAt");
		assertThat(ttl.getExpireAfter()).contains(Duration.ZERO);
	}

	/** Claims {@code key} on another thread, says so through {@code claimed}, and binds only after {@code finish}. */
	private Future<Idempotent<String>> inFlight(IdempotentRequests requests, String key, CountDownLatch claimed,
			CountDownLatch finish, String resourceId) {
		return this.threads.submit(() -> requests.run(SCOPE, key, "f", (binding) -> {
			claimed.countDown();
			await(finish);
			return (binding.bind(resourceId) ? "made " : "lost the key before ") + resourceId;
		}, REPLAY));
	}

	private IdempotentRequests withSettings(Duration inFlightWait, Duration lease) {
		return new IdempotentRequests(this.mongo,
				new EcommerceProperties.Idempotency(Duration.ofHours(24), inFlightWait, lease, Duration.ofMinutes(10)));
	}

	private static Function<KeyBinding, String> bindingTo(String resourceId) {
		return (binding) -> {
			binding.bind(resourceId);
			return "made " + resourceId;
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String key() {
		return "key-" + UUID.randomUUID();
	}

}
