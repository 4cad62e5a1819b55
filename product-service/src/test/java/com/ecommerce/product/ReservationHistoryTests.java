package com.ecommerce.product;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.mongo.OneTimeMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A product's document holds its open reservations only, whatever its history; closed ones answer repeats from their
 * own collection, and a close decided but not yet applied (a crash between the two) is finished by the next call.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ReservationHistoryTests {

	static final int HISTORY = 5000;

	@Autowired
	InventoryService inventory;

	@Autowired
	ProductRepository productRepository;

	@Autowired
	ClosedReservationRepository closedReservations;

	@Autowired
	LegacyReservations legacyReservations;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aProductWithFiveThousandClosedReservationsIsTheSizeOfOneWithNone() {
		String busy = StoredProducts.insert(this.productRepository, 1000, HISTORY);
		String quiet = StoredProducts.insert(this.productRepository, 1000, HISTORY);
		// Four buyers at a time; every even order completes, every odd one gives its unit back.
		Concurrently.run(4, (buyer) -> () -> {
			for (int i = buyer; i < HISTORY; i += 4) {
				String order = order(i);
				this.inventory.reserve(busy, order, 1);
				if (i % 2 == 0) {
					this.inventory.commit(busy, order);
				}
				else {
					this.inventory.release(busy, order);
				}
			}
			return null;
		});
		this.inventory.reserve(busy, "ord_open_a", 2);
		this.inventory.reserve(quiet, "ord_open_b", 2);

		assertThat(bsonSize(busy)).isEqualTo(bsonSize(quiet));
		Product product = this.productRepository.findById(busy).orElseThrow();
		assertThat(product.reservations()).extracting(Reservation::orderId).containsExactly("ord_open_a");
		assertThat(product.stock()).isEqualTo(HISTORY - HISTORY / 2 - 2);
		assertThat(product.reservedStock()).isEqualTo(2);
		assertThat(this.closedReservations.count()).isGreaterThanOrEqualTo(HISTORY);

		// Repeats for the oldest closed orders answer as the first calls did.
		String committed = order(0);
		assertThat(this.inventory.reserve(busy, committed, 1))
			.isEqualTo(new InventoryService.Reserved(committed, 1, 1000, product.stock()));
		assertThat(this.inventory.commit(busy, committed)).isEqualTo(new InventoryService.Committed(committed, 1));
		assertRefused(() -> this.inventory.release(busy, committed));
		String released = order(1);
		assertThat(this.inventory.release(busy, released))
			.isEqualTo(new InventoryService.Released(released, 1, product.stock()));
		assertRefused(() -> this.inventory.reserve(busy, released, 1));
		assertRefused(() -> this.inventory.commit(busy, released));
		assertThat(this.productRepository.findById(busy).orElseThrow().stock()).isEqualTo(product.stock());
	}

	@Test
	void aCommitDecidedButNotAppliedIsFinishedByTheNextCallAndRefusesARelease() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_a", 3);
		Reservation open = open(id, "ord_a");
		this.closedReservations.insert(ClosedReservation.of(id, open, ClosedReservation.State.COMMITTED, Times.now()));

		assertRefused(() -> this.inventory.release(id, "ord_a"));
		Product product = this.productRepository.findById(id).orElseThrow();
		assertThat(product.reservations()).isEmpty();
		assertThat(product.stock()).as("sold, not given back").isEqualTo(7);
		assertThat(product.reservedStock()).isZero();
		assertThat(this.inventory.commit(id, "ord_a")).isEqualTo(new InventoryService.Committed("ord_a", 3));
	}

	@Test
	void aReleaseDecidedButNotAppliedIsFinishedByTheNextCallAndRefusesACommit() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_a", 3);
		Reservation open = open(id, "ord_a");
		this.closedReservations.insert(ClosedReservation.of(id, open, ClosedReservation.State.RELEASED, Times.now()));

		assertRefused(() -> this.inventory.commit(id, "ord_a"));
		Product product = this.productRepository.findById(id).orElseThrow();
		assertThat(product.stock()).isEqualTo(10);
		assertThat(product.reservedStock()).isZero();
		assertThat(this.inventory.release(id, "ord_a")).isEqualTo(new InventoryService.Released("ord_a", 3, 10));
	}

	/**
	 * A release found nothing, wrote its tombstone, and on counting it found that a reserve had got in (then it
	 * stopped): the next release gives back what that reserve took, and the record says so.
	 */
	@Test
	void aTombstoneOvertakenByAReserveReleasesWhatTheReserveTook() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_a", 4);
		this.closedReservations.insert(ClosedReservation.tombstone(id, "ord_a", Times.now()));

		assertThat(this.inventory.release(id, "ord_a")).isEqualTo(new InventoryService.Released("ord_a", 4, 10));
		assertThat(this.closedReservations.findById(ClosedReservation.idOf(id, "ord_a")).orElseThrow().quantity())
			.isEqualTo(4);
		assertThat(this.inventory.release(id, "ord_a")).isEqualTo(new InventoryService.Released("ord_a", 4, 10));
		assertRefused(() -> this.inventory.reserve(id, "ord_a", 4));
	}

	@Test
	void aReserveThatReadTheProductBeforeATombstoneWasCountedMatchesNothing() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		int before = this.productRepository.findStock(id, "ord_a").orElseThrow().tombstones();
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.inventory.release(id, "ord_a"))
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("NOT_FOUND"));

		assertThat(this.productRepository.reserve(id, "ord_a", 1, 1000, before, Times.now())).isEmpty();
		assertThat(this.productRepository.findById(id).orElseThrow().stock()).isEqualTo(10);
	}

	@Test
	void closedReservationsStoredInsideTheProductByEarlierVersionsAreMovedOutAtStartUp() {
		String id = Ids.product();
		Date at = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
		List<Document> entries = List.of(entry("ord_sold", 2, "COMMITTED", at), entry("ord_gone", 0, "RELEASED", at),
				entry("ord_open", 1, "RESERVED", null));
		this.mongo.insert(new Document("_id", id).append("name", "Old")
			.append("price", 500L)
			.append("stock", 7)
			.append("reservedStock", 1)
			.append("active", true)
			.append("version", 9L)
			.append("reservations", entries), "products");

		this.mongo.remove(Query.query(Criteria.where("_id").is(LegacyReservations.NAME)), OneTimeMigration.MIGRATIONS);
		assertThat(this.legacyReservations.runOnce()).as("the count set, two entries moved").isEqualTo(3);
		this.mongo.remove(Query.query(Criteria.where("_id").is(LegacyReservations.NAME)), OneTimeMigration.MIGRATIONS);
		assertThat(this.legacyReservations.runOnce()).as("a repeat finds nothing left to move").isZero();

		Product product = this.productRepository.findById(id).orElseThrow();
		assertThat(product.reservations()).extracting(Reservation::orderId).containsExactly("ord_open");
		assertThat(product.tombstones()).isEqualTo(2);
		assertThat(this.inventory.reserve(id, "ord_sold", 2)).isEqualTo(new InventoryService.Reserved("ord_sold", 2, 500, 7));
		assertRefused(() -> this.inventory.reserve(id, "ord_gone", 1));
		assertThat(this.inventory.commit(id, "ord_open")).isEqualTo(new InventoryService.Committed("ord_open", 1));
		assertThat(this.productRepository.findById(id).orElseThrow().reservedStock()).isZero();
	}

	private static Document entry(String orderId, int quantity, String state, Date closedAt) {
		return new Document("orderId", orderId).append("quantity", quantity)
			.append("unitPrice", 500L)
			.append("state", state)
			.append("reservedAt", Date.from(Instant.parse("2025-12-31T23:59:00Z")))
			.append("closedAt", closedAt);
	}

	private Reservation open(String productId, String orderId) {
		return this.productRepository.findStock(productId, orderId).orElseThrow().reservation();
	}

	private int bsonSize(String productId) {
		Document stored = this.mongo.getCollection("products").find(new Document("_id", productId)).first();
		return new RawBsonDocument(stored, new DocumentCodec()).getByteBuffer().remaining();
	}

	private static void assertRefused(Runnable call) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("INVALID_STATE"));
	}

	private static String order(int i) {
		return "ord_%06d".formatted(i);
	}

}
