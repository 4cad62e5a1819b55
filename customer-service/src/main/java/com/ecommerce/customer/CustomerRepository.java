package com.ecommerce.customer;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code customers} collection: Spring Data's reads and inserts, and {@link CustomerUpdates} for the update and
 * the search.
 */
interface CustomerRepository extends MongoRepository<Customer, String>, CustomerUpdates {

	/** @return how many were deleted: 0 or 1 */
	long deleteByCustomerId(String customerId);

}
