package com.ecommerce.customer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.cache.VersionedCaches;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.web.PageQuery;

/**
 * Customers, with reads served from Redis. Every write puts its result in the cache (or a tombstone for a delete)
 * at its new version, so a read after a write never answers with the old state.
 */
@Service
public class CustomerService {

	private final CustomerRepository customerRepository;

	private final VersionedCache<Customer> cache;

	CustomerService(CustomerRepository customerRepository, VersionedCaches caches) {
		this.customerRepository = customerRepository;
		this.cache = caches.create("customer", Customer.class);
	}

	public Customer create(NewCustomer request) {
		var now = Times.now();
		var customer = new Customer(Ids.objectId(), request.firstName(), request.lastName(),
				CustomerRules.normalizeEmail(request.email()), request.phone(), request.address(), now, now, 1);
		try {
			this.customerRepository.insert(customer);
		}
		catch (DuplicateKeyException ex) {
			throw emailTaken(customer.email());
		}
		this.cache.put(customer.customerId(), customer);
		return customer;
	}

	public Customer get(String customerId) {
		return this.cache.getOrLoad(customerId, this.customerRepository::findById)
			.orElseThrow(() -> notFound(customerId));
	}

	/** Newest first; {@code search} is a literal, case-insensitive substring of name, email or city. */
	public Page<Customer> list(String search, PageQuery paging) {
		return this.customerRepository.search(search, paging.pageable(Customer.NEWEST_FIRST));
	}

	public Customer update(String customerId, CustomerChanges changes) {
		Customer updated;
		try {
			updated = this.customerRepository.update(customerId, changes).orElseThrow(() -> notFound(customerId));
		}
		catch (DuplicateKeyException ex) {
			throw emailTaken(CustomerRules.normalizeEmail(changes.email()));
		}
		this.cache.put(customerId, updated);
		return updated;
	}

	public void delete(String customerId) {
		if (this.customerRepository.deleteByCustomerId(customerId) == 0) {
			throw notFound(customerId);
		}
		this.cache.deleted(customerId);
	}

	private static ApiException notFound(String customerId) {
		return ApiException.notFound("Customer", customerId);
	}

	private static ApiException emailTaken(String email) {
		return ApiException.conflict("A customer with email " + email + " already exists");
	}

}
