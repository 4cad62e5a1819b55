package com.ecommerce.product;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * What {@link ProductRepository} does beyond Spring Data's own methods ({@link ProductUpdatesImpl}). Every write is
 * one find-and-modify on one document with its precondition in the filter: MongoDB applies each atomically, so no lock
 * or transaction is needed. A write whose precondition no longer holds simply matches nothing (an empty answer), and
 * the caller reads again to learn why.
 */
interface ProductUpdates {

	/** Applies the changes to an active product and returns it as it was before, or empty when there is none. */
	Optional<Product> update(String productId, ProductChanges changes, Instant now);

	/** Marks an active product deleted; false when there is no such product. */
	boolean softDelete(String productId, Instant now);

	/**
	 * Takes {@code quantity} from stock for {@code orderId} at {@code price}. Matches nothing, and changes nothing,
	 * unless the product is active, still has that price and enough stock, and holds no reservation for the order.
	 */
	Optional<Product> reserve(String productId, String orderId, int quantity, long price, Instant now);

	/** Gives the stock of a reservation back; matches only while that reservation is still open. */
	/**
	 * Records that {@code orderId} will never hold stock of the product (a released reservation of nothing), unless it
	 * already has a reservation; empty when it has (a reserve got in first).
	 */
	Optional<Product> tombstone(String productId, String orderId, long price, Instant now);

	Optional<Product> release(String productId, Reservation reservation, Instant now);

	/** Turns a reservation into a sale; matches only while that reservation is still open. */
	Optional<Product> commit(String productId, Reservation reservation, Instant now);

	/** The active products that match the filter. */
	Page<Product> findMatching(ProductFilter filter, Pageable pageable);

}
