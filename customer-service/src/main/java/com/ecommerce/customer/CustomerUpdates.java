package com.ecommerce.customer;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/** What {@link CustomerRepository} does beyond Spring Data's own methods ({@link CustomerUpdatesImpl}). */
interface CustomerUpdates {

	/**
	 * Applies the changes as one find-and-modify and returns the new document, or empty when there is no such
	 * customer.
	 * @throws org.springframework.dao.DuplicateKeyException when the new email is another customer's
	 */
	Optional<Customer> update(String customerId, CustomerChanges changes);

	/** The customers whose name, email or city contains {@code search} (all of them when it is blank). */
	Page<Customer> search(String search, Pageable pageable);

}
