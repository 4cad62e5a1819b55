package com.ecommerce.customer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.ecommerce.shared.Search;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.PageQuery;

/**
 * The {@code customers} collection. Email uniqueness rests on a unique index over the lower-cased email, so it holds
 * under concurrent creates without any lock; updates are single atomic find-and-modify calls.
 */
@Repository
class CustomerRepository implements InitializingBean {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(Customer.CREATED_AT), Sort.Order.desc("_id"));

	private static final List<String> SEARCHED_FIELDS = List.of("firstName", "lastName", Customer.EMAIL, "address.city");

	private final MongoTemplate mongo;

	CustomerRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Indexes are made at start-up, before the first request, rather than left to whoever deploys. */
	@Override
	public void afterPropertiesSet() {
		var indexes = this.mongo.indexOps(Customer.class);
		indexes.createIndex(new Index(Customer.EMAIL, Sort.Direction.ASC).unique().named("email_unique"));
		indexes.createIndex(new Index().on(Customer.CREATED_AT, Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
			.named("createdAt_desc"));
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the email is taken */
	Customer insert(Customer customer) {
		return this.mongo.insert(customer);
	}

	Optional<Customer> findById(String customerId) {
		return Optional.ofNullable(this.mongo.findById(customerId, Customer.class));
	}

	List<Customer> find(String search, PageQuery paging) {
		Query query = matching(search).with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit());
		return this.mongo.find(query, Customer.class);
	}

	long count(String search) {
		return this.mongo.count(matching(search), Customer.class);
	}

	/**
	 * Applies the changes and returns the new document, or empty when there is no such customer.
	 * @throws org.springframework.dao.DuplicateKeyException when the new email is another customer's
	 */
	Optional<Customer> update(String customerId, CustomerChanges changes) {
		Update update = new Update().set(Customer.UPDATED_AT, Times.now()).inc(Customer.VERSION, 1);
		setIfPresent(update, "firstName", changes.firstName());
		setIfPresent(update, "lastName", changes.lastName());
		setIfPresent(update, Customer.EMAIL, (changes.email() != null) ? normalizeEmail(changes.email()) : null);
		setIfPresent(update, "phone", changes.phone());
		setIfPresent(update, "address", changes.address());
		Query query = Query.query(Criteria.where("_id").is(customerId));
		return Optional.ofNullable(this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				Customer.class));
	}

	boolean delete(String customerId) {
		return this.mongo.remove(Query.query(Criteria.where("_id").is(customerId)), Customer.class).getDeletedCount() > 0;
	}

	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(java.util.Locale.ROOT);
	}

	private static Query matching(String search) {
		if (search == null || search.isBlank()) {
			return new Query();
		}
		Pattern pattern = Search.containing(search.trim());
		return Query.query(new Criteria()
			.orOperator(SEARCHED_FIELDS.stream().map((field) -> Criteria.where(field).regex(pattern)).toList()));
	}

	private static void setIfPresent(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

}
