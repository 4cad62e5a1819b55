package com.ecommerce.order;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code orders} collection: Spring Data's reads and inserts, and {@link OrderUpdates} for the guarded changes,
 * the filtered lists and the recovery job's claims.
 */
interface OrderRepository extends MongoRepository<Order, String>, OrderUpdates {

}
