package com.ecommerce.product;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

/**
 * The {@code products} collection: Spring Data's reads and inserts, and {@link ProductUpdates} for the guarded writes
 * and the filtered lists. The open reservations stay in the database on every read: no answer needs them.
 */
interface ProductRepository extends MongoRepository<Product, String>, ProductUpdates {

	@Query(value = "{ '_id': ?0, 'active': true }", fields = "{ 'reservations': 0 }")
	Optional<Product> findActive(String productId);

	/** The price and stock of an active product, with the open reservation of {@code orderId} if it has one. */
	@Query(value = "{ '_id': ?0, 'active': true }",
			fields = "{ 'price': 1, 'stock': 1, 'tombstones': 1, 'reservations': { '$elemMatch': { 'orderId': ?1 } } }")
	Optional<ProductStock> findStock(String productId, String orderId);

	/**
	 * As {@link #findStock}, deleted or not: a deleted product can't be reserved, but what was reserved of it before
	 * must still be released or committed, or its reserved stock would never go down.
	 */
	@Query(value = "{ '_id': ?0 }",
			fields = "{ 'price': 1, 'stock': 1, 'tombstones': 1, 'reservations': { '$elemMatch': { 'orderId': ?1 } } }")
	Optional<ProductStock> findStockOfAny(String productId, String orderId);

	/** What a restock of {@code orderId} decides on, deleted or not: a deleted product takes back what it sold too. */
	@Query(value = "{ '_id': ?0 }",
			fields = "{ 'stock': 1, 'restocks': 1, 'restocking': { '$elemMatch': { 'orderId': ?1 } } }")
	Optional<RestockState> findRestockState(String productId, String orderId);

}
