package com.ecommerce.customer;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
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

	private final CustomerRepository customers;

	private final VersionedCache<Customer> cache;

	CustomerService(CustomerRepository customers, VersionedCaches caches) {
		this.customers = customers;
		this.cache = caches.create("customer", Customer.class);
	}

	public Customer create(NewCustomer request) {
		var now = Times.now();
		var customer = new Customer(Ids.objectId(), request.firstName(), request.lastName(),
				CustomerRepository.normalizeEmail(request.email()), request.phone(), request.address(), now, now, 1);
		try {
			this.customers.insert(customer);
		}
		catch (DuplicateKeyException ex) {
			throw emailTaken(customer.email());
		}
		this.cache.put(customer.customerId(), customer.version(), customer);
		return customer;
	}

	public Customer get(String customerId) {
		var cached = this.cache.get(customerId);
		if (cached.isDeleted()) {
			throw notFound(customerId);
		}
		if (cached.isHit()) {
			return cached.value();
		}
		var customer = this.customers.findById(customerId).orElseThrow(() -> notFound(customerId));
		this.cache.put(customerId, customer.version(), customer);
		return customer;
	}

	public List<Customer> list(String search, PageQuery paging) {
		return this.customers.find(search, paging);
	}

	public long count(String search) {
		return this.customers.count(search);
	}

	public Customer update(String customerId, CustomerChanges changes) {
		Customer updated;
		try {
			updated = this.customers.update(customerId, changes).orElseThrow(() -> notFound(customerId));
		}
		catch (DuplicateKeyException ex) {
			throw emailTaken(CustomerRepository.normalizeEmail(changes.email()));
		}
		this.cache.put(customerId, updated.version(), updated);
		return updated;
	}

	public void delete(String customerId) {
		if (!this.customers.delete(customerId)) {
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
