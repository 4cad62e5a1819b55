package com.ecommerce.product;

import java.time.Instant;
import java.util.List;
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
	 * unless the product is active, still has that price, enough stock and {@code tombstones} tombstones, and holds no
	 * open reservation for the order.
	 */
	Optional<Product> reserve(String productId, String orderId, int quantity, long price, int tombstones, Instant now);

	/**
	 * Removes the open reservation {@code open} and gives its stock back (released) or leaves it sold (committed);
	 * matches only while that reservation is still open.
	 */
	Optional<Product> close(String productId, Reservation open, ClosedReservation.State state, Instant now);

	/**
	 * Counts a tombstone (so that a reserve that read the count before matches nothing) and answers the product as it is then, with
	 * the open reservation of {@code orderId} if a reserve got in before; empty when there is no such product.
	 */
	Optional<ProductStock> countTombstone(String productId, String orderId);

	/**
	 * Up to {@code limit} products, deleted or not, holding an open reservation made at or before {@code cutoff}, each
	 * with all its open reservations; served by the index on {@code reservations.reservedAt}, so it reads the
	 * products with such a reservation, not the catalog.
	 */
	List<OpenReservations> findReservedBefore(Instant cutoff, int limit);

	/**
	 * Adds {@code quantity} to the stock for {@code orderId} and keeps it as the product's pending restock of that
	 * order. Matches nothing, and changes nothing, unless the product has finished {@code restocks} restocks (null:
	 * none yet) and holds no pending restock of the order.
	 */
	Optional<Product> restock(String productId, String orderId, int quantity, Integer restocks, Instant now);

	/**
	 * Drops the pending restock of {@code orderId}, now recorded, and counts it among the finished ones; only the first
	 * of several callers matches.
	 */
	void restockRecorded(String productId, String orderId);

	/** The active products that match the filter. */
	Page<Product> findMatching(ProductFilter filter, Pageable pageable);

}
