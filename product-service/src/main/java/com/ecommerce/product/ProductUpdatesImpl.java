package com.ecommerce.product;

import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.util.StringUtils;

import com.ecommerce.shared.Search;

/** {@link ProductUpdates} on MongoTemplate. */
class ProductUpdatesImpl implements ProductUpdates {

	private static final List<String> SEARCHED_FIELDS = List.of(Product.NAME, Product.DESCRIPTION, Product.BRAND);

	/*
	 * The reservation to close is addressed with an array filter ($[r]) on its order id, which reserve's filter keeps
	 * unique within a product's reservations: so it is exactly the element the query matched, in the same atomic
	 * update. The form every store the project runs on accepts: docs/architecture.md, "The embedded MongoDB's limits".
	 */
	private static final String RESERVATION_STATE = Product.RESERVATIONS + ".$[r]." + Reservation.STATE;

	private static final String RESERVATION_CLOSED_AT = Product.RESERVATIONS + ".$[r]." + Reservation.CLOSED_AT;

	private final MongoTemplate mongo;

	ProductUpdatesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Product> update(String productId, ProductChanges changes, Instant now) {
		Update update = new Update().set(Product.UPDATED_AT, now).inc(Product.VERSION, 1);
		setIfPresent(update, Product.NAME, changes.name());
		setIfPresent(update, Product.DESCRIPTION, changes.description());
		setIfPresent(update, Product.PRICE, changes.price());
		setIfPresent(update, Product.CATEGORY, changes.category());
		setIfPresent(update, Product.BRAND, changes.brand());
		setIfPresent(update, Product.STOCK, changes.stock());
		setIfPresent(update, "weight", changes.weight());
		setIfPresent(update, "dimensions", changes.dimensions());
		setIfPresent(update, "specifications", changes.specifications());
		setIfPresent(update, "images", changes.images());
		return modify(active(productId), update, false);
	}

	@Override
	public boolean softDelete(String productId, Instant now) {
		Update update = new Update().set(Product.ACTIVE, false)
			.set(Product.DELETED_AT, now)
			.set(Product.UPDATED_AT, now)
			.inc(Product.VERSION, 1);
		return modify(active(productId), update, true).isPresent();
	}

	@Override
	public Optional<Product> reserve(String productId, String orderId, int quantity, long price, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.ACTIVE)
			.is(true)
			.and(Product.PRICE)
			.is(price)
			.and(Product.STOCK)
			.gte(quantity)
			.and(Product.RESERVATIONS + "." + Reservation.ORDER_ID)
			.ne(orderId));
		Update update = new Update().inc(Product.STOCK, -quantity)
			.inc(Product.RESERVED_STOCK, quantity)
			.inc(Product.VERSION, 1)
			.push(Product.RESERVATIONS,
					new Reservation(orderId, quantity, price, Reservation.State.RESERVED, now, null))
			.set(Product.UPDATED_AT, now);
		return modify(query, update, true);
	}

	@Override
	public Optional<Product> tombstone(String productId, String orderId, long price, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.RESERVATIONS + "." + Reservation.ORDER_ID)
			.ne(orderId));
		Update update = new Update()
			.push(Product.RESERVATIONS, new Reservation(orderId, 0, price, Reservation.State.RELEASED, now, now))
			.inc(Product.VERSION, 1)
			.set(Product.UPDATED_AT, now);
		return modify(query, update, true);
	}

	@Override
	public Optional<Product> release(String productId, Reservation reservation, Instant now) {
		Update update = close(reservation, Reservation.State.RELEASED, now).inc(Product.STOCK, reservation.quantity());
		return modify(openReservation(productId, reservation), update, true);
	}

	@Override
	public Optional<Product> commit(String productId, Reservation reservation, Instant now) {
		Update update = close(reservation, Reservation.State.COMMITTED, now);
		return modify(openReservation(productId, reservation), update, true);
	}

	@Override
	public Page<Product> findMatching(ProductFilter filter, Pageable pageable) {
		Query query = matching(filter);
		List<Product> products = this.mongo.find(withoutReservations(Query.of(query).with(pageable)), Product.class);
		return PageableExecutionUtils.getPage(products, pageable, () -> this.mongo.count(query, Product.class));
	}

	private static Update close(Reservation reservation, Reservation.State state, Instant now) {
		return new Update().inc(Product.RESERVED_STOCK, -reservation.quantity())
			.inc(Product.VERSION, 1)
			.set(RESERVATION_STATE, state.name())
			.set(RESERVATION_CLOSED_AT, now)
			.set(Product.UPDATED_AT, now)
			// By order id alone, with the state guarded by the query (so the filter never depends on what it sets).
			.filterArray(Criteria.where("r." + Reservation.ORDER_ID).is(reservation.orderId()));
	}

	/** Deleted or not: a deleted product's open reservations are still released and committed. */
	private static Query openReservation(String productId, Reservation reservation) {
		return Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.RESERVATIONS)
			.elemMatch(Criteria.where(Reservation.ORDER_ID)
				.is(reservation.orderId())
				.and(Reservation.STATE)
				.is(Reservation.State.RESERVED.name())
				.and(Reservation.QUANTITY)
				.is(reservation.quantity())));
	}

	private Optional<Product> modify(Query query, Update update, boolean returnNew) {
		return Optional.ofNullable(this.mongo.findAndModify(withoutReservations(query), update,
				FindAndModifyOptions.options().returnNew(returnNew), Product.class));
	}

	private static Query active(String productId) {
		return Query.query(Criteria.where("_id").is(productId).and(Product.ACTIVE).is(true));
	}

	/** The reservations stay in the database: no answer needs them, and they grow with every order. */
	private static Query withoutReservations(Query query) {
		query.fields().exclude(Product.RESERVATIONS);
		return query;
	}

	private static Query matching(ProductFilter filter) {
		List<Criteria> criteria = new ArrayList<>();
		criteria.add(Criteria.where(Product.ACTIVE).is(true));
		if (StringUtils.hasText(filter.category())) {
			criteria.add(Criteria.where(Product.CATEGORY).is(filter.category()));
		}
		if (StringUtils.hasText(filter.brand())) {
			criteria.add(Criteria.where(Product.BRAND).is(filter.brand()));
		}
		if (filter.minPrice() != null) {
			criteria.add(Criteria.where(Product.PRICE).gte(filter.minPrice()));
		}
		if (filter.maxPrice() != null) {
			criteria.add(Criteria.where(Product.PRICE).lte(filter.maxPrice()));
		}
		String term = filter.term();
		if (term != null) {
			Pattern pattern = Search.containing(term);
			criteria.add(new Criteria()
				.orOperator(SEARCHED_FIELDS.stream().map((field) -> Criteria.where(field).regex(pattern)).toList()));
		}
		return Query.query(new Criteria().andOperator(criteria));
	}

	private static void setIfPresent(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

}
