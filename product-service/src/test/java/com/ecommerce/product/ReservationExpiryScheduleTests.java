package com.ecommerce.product;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The expiry job on its schedule, as a running service has it: with a short expiry, abandoned stock comes back. */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "product.reservations.expiry=1s", "product.reservations.sweep-interval=100ms" })
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class ReservationExpiryScheduleTests {

	@Autowired
	InventoryService inventory;

	@Autowired
	ProductRepository productRepository;

	@Autowired
	ClosedReservationRepository closedReservations;

	@Test
	void aReservationNoOrderClosesIsReleasedAfterTheConfiguredExpiry() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		assertThat(this.inventory.reserve(id, "ord_made_up", 4).remainingStock()).isEqualTo(6);

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.productRepository.findById(id).orElseThrow().stock()).isEqualTo(10));

		Product product = this.productRepository.findById(id).orElseThrow();
		assertThat(product.reservedStock()).isZero();
		assertThat(product.reservations()).isEmpty();
		ClosedReservation closed = this.closedReservations.findById(ClosedReservation.idOf(id, "ord_made_up"))
			.orElseThrow();
		assertThat(closed.byExpiry()).isTrue();
		assertThat(closed.closedAt()).isAfterOrEqualTo(closed.reservedAt().plusSeconds(1));
	}

}
