package com.ecommerce.customer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;

import com.ecommerce.shared.Search;
import com.ecommerce.shared.Times;

/** {@link CustomerUpdates} on MongoTemplate. */
class CustomerUpdatesImpl implements CustomerUpdates {

	private static final List<String> SEARCHED_FIELDS = List.of("firstName", "lastName", Customer.EMAIL, "address.city");

	private final MongoTemplate mongo;

	CustomerUpdatesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Customer> update(String customerId, CustomerChanges changes) {
		Update update = new Update().set(Customer.UPDATED_AT, Times.now()).inc(Customer.VERSION, 1);
		setIfPresent(update, "firstName", changes.firstName());
		setIfPresent(update, "lastName", changes.lastName());
		setIfPresent(update, Customer.EMAIL,
				(changes.email() != null) ? CustomerRules.normalizeEmail(changes.email()) : null);
		setIfPresent(update, "phone", changes.phone());
		setIfPresent(update, "address", changes.address());
		Query query = Query.query(Criteria.where("_id").is(customerId));
		return Optional.ofNullable(this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				Customer.class));
	}

	@Override
	public Page<Customer> search(String search, Pageable pageable) {
		Query query = matching(search);
		List<Customer> customers = this.mongo.find(Query.of(query).with(pageable), Customer.class);
		return PageableExecutionUtils.getPage(customers, pageable, () -> this.mongo.count(query, Customer.class));
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
