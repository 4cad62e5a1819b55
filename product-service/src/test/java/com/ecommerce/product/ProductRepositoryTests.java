package com.ecommerce.product;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarded single-document updates the inventory rests on, against whichever MongoDB the tests run with (the
 * embedded mongo-java-server by default): {@code $ne} on an array field, {@code $elemMatch} in a find-and-modify
 * filter and in a projection, {@code $push} and {@code $pull} with a condition, and projections on find-and-modify.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ProductRepositoryTests {

	@Autowired
	ProductRepository productRepository;

	@Autowired
	MongoTemplate mongo;

	@Test
	void reserveMatchesOnlyWithThePriceEnoughStockTheTombstoneCountAndNoReservationForTheOrder() {
		String id = StoredProducts.insert(this.productRepository, 1000, 5);
		Instant now = Times.now();

		assertThat(this.productRepository.reserve(id, "ord_a", 2, 999, 0, now)).as("another price").isEmpty();
		assertThat(this.productRepository.reserve(id, "ord_a", 6, 1000, 0, now)).as("too little stock").isEmpty();
		assertThat(this.productRepository.reserve(id, "ord_a", 2, 1000, 1, now)).as("a tombstone counted since").isEmpty();

		Product reserved = this.productRepository.reserve(id, "ord_a", 2, 1000, 0, now).orElseThrow();
		assertThat(reserved.stock()).isEqualTo(3);
		assertThat(reserved.reservedStock()).isEqualTo(2);
		assertThat(reserved.version()).isEqualTo(2);
		assertThat(reserved.reservations()).as("left out of the answer").isNull();

		assertThat(this.productRepository.reserve(id, "ord_a", 1, 1000, 0, now)).as("the order already has one").isEmpty();
		assertThat(this.productRepository.reserve(id, "ord_b", 3, 1000, 0, now)).isPresent();
		assertThat(this.productRepository.findActive(id).orElseThrow().stock()).isZero();
	}

	@Test
	void findStockReadsOnlyTheReservationOfTheOrder() {
		String id = StoredProducts.insert(this.productRepository, 1000, 5);
		this.productRepository.reserve(id, "ord_a", 1, 1000, 0, Times.now());
		this.productRepository.reserve(id, "ord_b", 2, 1000, 0, Times.now());

		ProductStock stock = this.productRepository.findStock(id, "ord_b").orElseThrow();
		assertThat(stock.price()).isEqualTo(1000);
		assertThat(stock.stock()).isEqualTo(2);
		assertThat(stock.reservations()).hasSize(1);
		assertThat(stock.reservation().orderId()).isEqualTo("ord_b");
		assertThat(stock.reservation().quantity()).isEqualTo(2);

		assertThat(this.productRepository.findStock(id, "ord_c").orElseThrow().reservation()).isNull();
	}

	@Test
	void closeRemovesOnlyTheOpenReservationOfTheOrderGivingItsStockBackWhenReleased() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		Instant now = Times.now();
		this.productRepository.reserve(id, "ord_a", 2, 1000, 0, now);
		this.productRepository.reserve(id, "ord_b", 3, 1000, 0, now);
		Reservation a = this.productRepository.findStock(id, "ord_a").orElseThrow().reservation();
		Reservation b = this.productRepository.findStock(id, "ord_b").orElseThrow().reservation();

		Product released = this.productRepository.close(id, b, ClosedReservation.State.RELEASED, now).orElseThrow();
		assertThat(released.stock()).isEqualTo(8);
		assertThat(released.reservedStock()).isEqualTo(2);
		assertThat(this.productRepository.close(id, b, ClosedReservation.State.RELEASED, now)).as("closed already")
			.isEmpty();
		assertThat(this.productRepository.close(id, b, ClosedReservation.State.COMMITTED, now)).as("closed already")
			.isEmpty();

		Product committed = this.productRepository.close(id, a, ClosedReservation.State.COMMITTED, now).orElseThrow();
		assertThat(committed.stock()).isEqualTo(8);
		assertThat(committed.reservedStock()).isZero();
		assertThat(this.productRepository.findById(id).orElseThrow().reservations()).isEmpty();
	}

	@Test
	void countingATombstoneAnswersTheReservationThatGotInBefore() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		assertThat(this.productRepository.countTombstone(id, "ord_a").orElseThrow().reservation()).isNull();
		this.productRepository.reserve(id, "ord_a", 2, 1000, 1, Times.now());
		ProductStock counted = this.productRepository.countTombstone(id, "ord_a").orElseThrow();
		assertThat(counted.tombstones()).isEqualTo(2);
		assertThat(counted.reservation().quantity()).isEqualTo(2);
		assertThat(counted.stock()).isEqualTo(8);
		assertThat(this.productRepository.countTombstone("prd_none", "ord_a")).isEmpty();
	}

	@Test
	void aDeletedProductTakesNoNewReservationButItsOpenOnesCanStillBeClosed() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		this.productRepository.reserve(id, "ord_a", 2, 1000, 0, Times.now());
		Reservation a = this.productRepository.findStock(id, "ord_a").orElseThrow().reservation();
		assertThat(this.productRepository.softDelete(id, Times.now())).isTrue();
		assertThat(this.productRepository.softDelete(id, Times.now())).isFalse();

		assertThat(this.productRepository.findActive(id)).isEmpty();
		assertThat(this.productRepository.findStock(id, "ord_a")).isEmpty();
		assertThat(this.productRepository.reserve(id, "ord_b", 1, 1000, 0, Times.now())).isEmpty();
		assertThat(this.productRepository.close(id, a, ClosedReservation.State.RELEASED, Times.now())).hasValueSatisfying(
				(product) -> assertThat(product.reservedStock()).isZero());
	}

}
