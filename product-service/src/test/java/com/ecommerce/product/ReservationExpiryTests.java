package com.ecommerce.product;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.domain.PageRequest;

import com.ecommerce.infrastructure.Concurrently;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A reservation left open past the expiry is released by product-service itself, through the release's own
 * decide-then-apply: afterwards it answers as any released reservation, and a commit racing with the expiry either
 * wins (sold) or loses (released), never both. The job is driven here with the instant it takes for "now" (the
 * tests' properties keep its schedule out of the way; {@link ReservationExpiryScheduleTests} runs it on its own).
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ReservationExpiryTests {

	static final Duration EXPIRY = Duration.ofMinutes(15);

	@Autowired
	ReservationExpiry expiry;

	@Autowired
	InventoryService inventory;

	@Autowired
	ProductRepository productRepository;

	@Autowired
	ClosedReservationRepository closedReservations;

	@Autowired
	StockMovementRepository movements;

	@Test
	void anAbandonedReservationGivesItsStockBackOnceItsExpiryHasPassed() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_abandoned", 3);
		Instant reservedAt = this.productRepository.findById(id).orElseThrow().reservations().getFirst().reservedAt();

		this.expiry.expireDue(reservedAt.plus(EXPIRY).minusMillis(1));
		assertThat(stockOf(id)).as("not yet expired").containsExactly(7, 3);

		assertThat(this.expiry.expireDue(reservedAt.plus(EXPIRY))).isPositive();
		assertThat(stockOf(id)).containsExactly(10, 0);
		assertThat(this.productRepository.findById(id).orElseThrow().reservations()).isEmpty();
		ClosedReservation closed = closed(id, "ord_abandoned");
		assertThat(closed.state()).isEqualTo(ClosedReservation.State.RELEASED);
		assertThat(closed.byExpiry()).isTrue();
		assertThat(closed.quantity()).isEqualTo(3);
		assertThat(closed.reservedAt()).isEqualTo(reservedAt);
		assertThat(movementTypes(id)).containsExactly("RELEASE", "RESERVE");
	}

	/** What order-service meets when its order comes back after the expiry: the answers of a released reservation. */
	@Test
	void anExpiredReservationAnswersAsAReleasedOne() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_late", 2);
		this.expiry.expireDue(Times.now().plus(EXPIRY));

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.inventory.commit(id, "ord_late"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_STATE))
			.withMessageContaining("expired and was released; it can't be committed");
		assertThat(this.inventory.release(id, "ord_late"))
			.isEqualTo(new InventoryService.Released("ord_late", 2, 10));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.inventory.reserve(id, "ord_late", 2))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_STATE));
		assertThat(stockOf(id)).containsExactly(10, 0);
		assertThat(movementTypes(id)).containsExactly("RELEASE", "RESERVE");
	}

	@Test
	void reservationsClosedBeforeTheirExpiryAreLeftAsTheyWere() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(id, "ord_committed", 2);
		this.inventory.commit(id, "ord_committed");
		this.inventory.reserve(id, "ord_released", 1);
		this.inventory.release(id, "ord_released");

		this.expiry.expireDue(Times.now().plus(EXPIRY).plusSeconds(1));

		assertThat(closed(id, "ord_committed").state()).isEqualTo(ClosedReservation.State.COMMITTED);
		assertThat(closed(id, "ord_committed").byExpiry()).isFalse();
		assertThat(closed(id, "ord_released").byExpiry()).isFalse();
		assertThat(this.inventory.commit(id, "ord_committed")).isEqualTo(new InventoryService.Committed("ord_committed", 2));
		assertThat(stockOf(id)).containsExactly(8, 0);
		assertThat(movementTypes(id)).containsExactly("RELEASE", "RESERVE", "COMMIT", "RESERVE");
	}

	@Test
	void onlyReservationsOlderThanTheExpiryAreReleased() {
		Instant now = Times.now();
		String id = StoredProducts.insertHolding(this.productRepository, 1000, 5,
				new Reservation("ord_old", 2, 1000, now.minus(EXPIRY).minusSeconds(1)),
				new Reservation("ord_on_time", 1, 1000, now.minus(EXPIRY)),
				new Reservation("ord_young", 3, 1000, now.minus(EXPIRY).plusMillis(1)));

		assertThat(this.expiry.expireDue(now)).isGreaterThanOrEqualTo(2);

		assertThat(this.productRepository.findById(id).orElseThrow().reservations()).extracting(Reservation::orderId)
			.containsExactly("ord_young");
		assertThat(stockOf(id)).containsExactly(8, 3);
		assertThat(closed(id, "ord_old").byExpiry()).isTrue();
		assertThat(closed(id, "ord_on_time").byExpiry()).isTrue();
		assertThat(this.inventory.commit(id, "ord_young")).isEqualTo(new InventoryService.Committed("ord_young", 3));
		assertThat(stockOf(id)).containsExactly(8, 0);
	}

	/**
	 * A commit arriving just as the reservation expires, with the job running on two instances: exactly one close
	 * wins. Either the order's commit (sold; the expiry leaves it) or the expiry (released; the commit is refused as
	 * for any released reservation), and the stock moves once.
	 */
	@Test
	void aCommitRacingTheExpiryEndsWithExactlyOneOutcome() {
		for (int round = 0; round < 30; round++) {
			String id = StoredProducts.insert(this.productRepository, 1000, 10);
			String order = "ord_race_" + round;
			this.inventory.reserve(id, order, 3);
			Instant late = Times.now().plus(EXPIRY);

			List<Object> outcomes = Concurrently.run(3,
					(i) -> (i == 0) ? () -> commit(id, order) : () -> this.inventory.expire(id, order, late));

			ClosedReservation closed = closed(id, order);
			assertThat(this.productRepository.findById(id).orElseThrow().reservations()).isEmpty();
			if (closed.state() == ClosedReservation.State.COMMITTED) {
				assertThat(outcomes).containsExactly(new InventoryService.Committed(order, 3), false, false);
				assertThat(closed.byExpiry()).isFalse();
				assertThat(stockOf(id)).containsExactly(7, 0);
				assertThat(movementTypes(id)).containsExactly("COMMIT", "RESERVE");
			}
			else {
				assertThat(outcomes.getFirst()).as("the commit's answer").isEqualTo(ErrorCode.INVALID_STATE);
				assertThat(outcomes.subList(1, 3)).as("expiries that applied it")
					.filteredOn(Boolean.TRUE::equals)
					.hasSizeLessThanOrEqualTo(1);
				assertThat(closed.byExpiry()).isTrue();
				assertThat(stockOf(id)).containsExactly(10, 0);
				assertThat(movementTypes(id)).containsExactly("RELEASE", "RESERVE");
			}
		}
	}

	/** The commit's answer, or the code it was refused with. */
	private Object commit(String id, String order) {
		try {
			return this.inventory.commit(id, order);
		}
		catch (ApiException ex) {
			return ex.code();
		}
	}

	/** The product's stock and reserved stock. */
	private List<Integer> stockOf(String id) {
		Product product = this.productRepository.findById(id).orElseThrow();
		return List.of(product.stock(), product.reservedStock());
	}

	private ClosedReservation closed(String id, String order) {
		return this.closedReservations.findById(ClosedReservation.idOf(id, order)).orElseThrow();
	}

	/** Newest first. */
	private List<String> movementTypes(String id) {
		return this.movements.findByProductId(id, PageRequest.of(0, 100, StockMovement.NEWEST_FIRST))
			.map((movement) -> movement.type().name())
			.toList();
	}

}
