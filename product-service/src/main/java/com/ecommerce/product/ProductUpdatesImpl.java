package com.ecommerce.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bson.Document;

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
	public Optional<Product> reserve(String productId, String orderId, int quantity, long price, int tombstones,
			Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.ACTIVE)
			.is(true)
			.and(Product.PRICE)
			.is(price)
			.and(Product.STOCK)
			.gte(quantity)
			.and(Product.TOMBSTONES)
			.is(tombstones)
			.and(Product.RESERVATIONS + "." + Reservation.ORDER_ID)
			.ne(orderId));
		Update update = new Update().inc(Product.STOCK, -quantity)
			.inc(Product.RESERVED_STOCK, quantity)
			.inc(Product.VERSION, 1)
			.push(Product.RESERVATIONS, new Reservation(orderId, quantity, price, now))
			.set(Product.UPDATED_AT, now);
		return modify(query, update, true);
	}

	/** Deleted or not: a deleted product's open reservations are still released and committed. */
	@Override
	public Optional<Product> close(String productId, Reservation open, ClosedReservation.State state, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.RESERVATIONS)
			.elemMatch(Criteria.where(Reservation.ORDER_ID)
				.is(open.orderId())
				.and(Reservation.QUANTITY)
				.is(open.quantity())));
		Update update = new Update()
			.pull(Product.RESERVATIONS, new Document(Reservation.ORDER_ID, open.orderId()))
			.inc(Product.RESERVED_STOCK, -open.quantity())
			.inc(Product.VERSION, 1)
			.set(Product.UPDATED_AT, now);
		if (state == ClosedReservation.State.RELEASED) {
			update.inc(Product.STOCK, open.quantity());
		}
		return modify(query, update, true);
	}

	/*
	 * Neither the version nor updatedAt changes: nothing anyone reads of the product does. Only reserve's filter sees
	 * the count.
	 */
	@Override
	public Optional<ProductStock> countTombstone(String productId, String orderId) {
		Query query = Query.query(Criteria.where("_id").is(productId));
		query.fields()
			.include(Product.PRICE, Product.STOCK, Product.TOMBSTONES)
			.elemMatch(Product.RESERVATIONS, Criteria.where(Reservation.ORDER_ID).is(orderId));
		return Optional.ofNullable(this.mongo.findAndModify(query, new Update().inc(Product.TOMBSTONES, 1),
				FindAndModifyOptions.options().returnNew(true), ProductStock.class,
				this.mongo.getCollectionName(Product.class)));
	}

	/*
	 * The count of finished restocks in the filter: a retry that read before another restock of this order was added and
	 * recorded (pending restock gone again) must not add the stock a second time. Deleted or not, as release.
	 */
	@Override
	public Optional<Product> restock(String productId, String orderId, int quantity, Integer restocks, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(RestockState.RESTOCKS)
			.is(restocks)
			.and(RestockState.RESTOCKING + "." + PendingRestock.ORDER_ID)
			.ne(orderId));
		Update update = new Update().inc(Product.STOCK, quantity)
			.inc(Product.VERSION, 1)
			.push(RestockState.RESTOCKING, new PendingRestock(orderId, quantity))
			.set(Product.UPDATED_AT, now);
		return modify(query, update, true);
	}

	/* Neither the version nor updatedAt changes: nothing anyone reads of the product does. */
	@Override
	public void restockRecorded(String productId, String orderId) {
		Query query = Query.query(Criteria.where("_id")
			.is(productId)
			.and(RestockState.RESTOCKING + "." + PendingRestock.ORDER_ID)
			.is(orderId));
		Update update = new Update().pull(RestockState.RESTOCKING, new Document(PendingRestock.ORDER_ID, orderId))
			.inc(RestockState.RESTOCKS, 1);
		this.mongo.updateFirst(query, update, Product.class);
	}

	@Override
	public List<OpenReservations> findReservedBefore(Instant cutoff, int limit) {
		Query query = Query
			.query(Criteria.where(Product.RESERVATIONS + "." + Reservation.RESERVED_AT).lte(cutoff))
			.limit(limit);
		query.fields().include(Product.RESERVATIONS);
		return this.mongo.find(query, OpenReservations.class, this.mongo.getCollectionName(Product.class));
	}

	@Override
	public Page<Product> findMatching(ProductFilter filter, Pageable pageable) {
		Query query = matching(filter);
		List<Product> products = this.mongo.find(withoutReservations(Query.of(query).with(pageable)), Product.class);
		return PageableExecutionUtils.getPage(products, pageable, () -> this.mongo.count(query, Product.class));
	}

	private Optional<Product> modify(Query query, Update update, boolean returnNew) {
		return Optional.ofNullable(this.mongo.findAndModify(withoutReservations(query), update,
				FindAndModifyOptions.options().returnNew(returnNew), Product.class));
	}

	private static Query active(String productId) {
		return Query.query(Criteria.where("_id").is(productId).and(Product.ACTIVE).is(true));
	}

	/** The open reservations stay in the database: no answer needs them. */
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
