package com.ecommerce.product;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.ecommerce.infrastructure.CollectionScans;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every query of the order path (reserve, commit, release, a tombstone, their repeats) and of the reservation expiry
 * is served by an index: none reads a whole collection, counted by the embedded MongoDB ({@link CollectionScans}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
class IndexedQueriesTests {

	@Autowired
	InventoryService inventory;

	@Autowired
	ProductRepository productRepository;

	@Autowired
	ReservationExpiry expiry;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theInventoryOperationsOfAnOrderScanNoCollection() {
		String id = StoredProducts.insert(this.productRepository, 1000, 10);
		CollectionScans.reset();

		this.inventory.reserve(id, "ord_a", 2);
		this.inventory.reserve(id, "ord_a", 2);
		this.inventory.commit(id, "ord_a");
		this.inventory.commit(id, "ord_a");
		this.inventory.reserve(id, "ord_b", 1);
		this.inventory.release(id, "ord_b");
		this.inventory.release(id, "ord_b");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.inventory.release(id, "ord_c"));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.inventory.reserve(id, "ord_c", 1));

		String database = this.mongo.getDb().getName();
		assertThat(CollectionScans.snapshot()).as("collections scanned")
			.doesNotContainKeys(database + ".products", database + ".closed_reservations",
					database + ".stock_movements");
		assertThat(this.productRepository.findById(id).orElseThrow().stock()).isEqualTo(8);
	}

	/** The expiry reads the products holding an expired reservation, not the catalog; with none, it reads nothing. */
	@Test
	void theReservationExpiryScansNoCollectionAndAnIdlePassReadsNoProduct() {
		for (int i = 0; i < 20; i++) {
			String settled = StoredProducts.insert(this.productRepository, 1000, 10);
			this.inventory.reserve(settled, "ord_settled", 1);
			this.inventory.commit(settled, "ord_settled");
		}
		String held = StoredProducts.insert(this.productRepository, 1000, 10);
		this.inventory.reserve(held, "ord_held", 3);
		String database = this.mongo.getDb().getName();
		CollectionScans.reset();

		this.expiry.expireDue(Times.now());
		assertThat(CollectionScans.examined(database, "products")).as("products read by an idle pass").isZero();

		this.expiry.expireDue(Times.now().plus(Duration.ofHours(1)));
		assertThat(CollectionScans.snapshot()).as("collections scanned")
			.doesNotContainKeys(database + ".products", database + ".closed_reservations",
					database + ".stock_movements");
		assertThat(this.productRepository.findById(held).orElseThrow().stock()).isEqualTo(10);
	}

}
