package com.ecommerce.product;

import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.util.StringUtils;

import com.ecommerce.shared.Search;
import com.ecommerce.shared.web.PageQuery;

/**
 * The {@code products} collection. Every write is one find-and-modify on one document with its precondition in the
 * filter: MongoDB applies each atomically, so no lock or transaction is needed (the embedded MongoDB has none). A
 * write whose precondition no longer holds simply matches nothing, and the caller reads again to learn why.
 */
@Repository
class ProductRepository implements InitializingBean {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(Product.CREATED_AT), Sort.Order.desc("_id"));

	private static final List<String> SEARCHED_FIELDS = List.of(Product.NAME, Product.DESCRIPTION, Product.BRAND);

	/*
	 * The reservation to close is addressed with an array filter ($[r]), not with the positional $ of the query's
	 * $elemMatch: both are one atomic update on real MongoDB, but the embedded mongo-java-server doesn't remember which
	 * element an $elemMatch matched and rejects the positional $. Order ids are unique within a product's
	 * reservations (reserve's filter makes sure), so the array filter selects exactly the element the query matched.
	 */
	private static final String RESERVATION_STATE = Product.RESERVATIONS + ".$[r]." + Reservation.STATE;

	private static final String RESERVATION_CLOSED_AT = Product.RESERVATIONS + ".$[r]." + Reservation.CLOSED_AT;

	private final MongoTemplate mongo;

	ProductRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Indexes are made at start-up, before the first request. The product id is the document's {@code _id}, unique
	 * by nature; the others serve the lists, which always ask for active products, newest first.
	 */
	@Override
	public void afterPropertiesSet() {
		var indexes = this.mongo.indexOps(Product.class);
		indexes.createIndex(new Index().on(Product.ACTIVE, Sort.Direction.ASC)
			.on(Product.CATEGORY, Sort.Direction.ASC)
			.on(Product.CREATED_AT, Sort.Direction.DESC)
			.named("active_category_createdAt"));
		indexes.createIndex(new Index().on(Product.ACTIVE, Sort.Direction.ASC)
			.on(Product.BRAND, Sort.Direction.ASC)
			.on(Product.CREATED_AT, Sort.Direction.DESC)
			.named("active_brand_createdAt"));
		indexes.createIndex(new Index().on(Product.ACTIVE, Sort.Direction.ASC)
			.on(Product.CREATED_AT, Sort.Direction.DESC)
			.named("active_createdAt"));
		indexes.createIndex(new Index().on(Product.CREATED_AT, Sort.Direction.DESC).named("createdAt_desc"));
		indexes.createIndex(new Index().on(Product.PRICE, Sort.Direction.ASC).named("price"));
	}

	void insert(Product product) {
		this.mongo.insert(product);
	}

	Optional<Product> findActive(String productId) {
		return Optional.ofNullable(this.mongo.findOne(withoutReservations(active(productId)), Product.class));
	}

	/** The price and stock of an active product, with the reservation of {@code orderId} if it has one. */
	Optional<ProductStock> findStock(String productId, String orderId) {
		Query query = active(productId);
		query.fields()
			.include(Product.PRICE, Product.STOCK)
			.elemMatch(Product.RESERVATIONS, Criteria.where(Reservation.ORDER_ID).is(orderId));
		return Optional.ofNullable(
				this.mongo.findOne(query, ProductStock.class, this.mongo.getCollectionName(Product.class)));
	}

	List<Product> find(ProductFilter filter, PageQuery paging) {
		Query query = matching(filter).with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit());
		return this.mongo.find(withoutReservations(query), Product.class);
	}

	long count(ProductFilter filter) {
		return this.mongo.count(matching(filter), Product.class);
	}

	/** Applies the changes to an active product and returns it as it was before, or empty when there is none. */
	Optional<Product> update(String productId, ProductChanges changes, Instant now) {
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

	/** Marks an active product deleted; false when there is no such product. */
	boolean softDelete(String productId, Instant now) {
		Update update = new Update().set(Product.ACTIVE, false)
			.set(Product.DELETED_AT, now)
			.set(Product.UPDATED_AT, now)
			.inc(Product.VERSION, 1);
		return modify(active(productId), update, true).isPresent();
	}

	/**
	 * Takes {@code quantity} from stock for {@code orderId} at {@code price}. Matches nothing, and changes nothing,
	 * unless the product is active, still has that price and enough stock, and holds no reservation for the order.
	 */
	Optional<Product> reserve(String productId, String orderId, int quantity, long price, Instant now) {
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

	/** Gives the stock of a reservation back; matches only while that reservation is still open. */
	Optional<Product> release(String productId, Reservation reservation, Instant now) {
		Update update = close(reservation, Reservation.State.RELEASED, now).inc(Product.STOCK, reservation.quantity());
		return modify(openReservation(productId, reservation), update, true);
	}

	/** Turns a reservation into a sale; matches only while that reservation is still open. */
	Optional<Product> commit(String productId, Reservation reservation, Instant now) {
		Update update = close(reservation, Reservation.State.COMMITTED, now);
		return modify(openReservation(productId, reservation), update, true);
	}

	private static Update close(Reservation reservation, Reservation.State state, Instant now) {
		return new Update().inc(Product.RESERVED_STOCK, -reservation.quantity())
			.inc(Product.VERSION, 1)
			.set(RESERVATION_STATE, state.name())
			.set(RESERVATION_CLOSED_AT, now)
			.set(Product.UPDATED_AT, now)
			// By order id alone: mongo-java-server evaluates an array filter again for each field it sets, so a
			// condition on the state would stop matching once the state is set. The query guards the state.
			.filterArray(Criteria.where("r." + Reservation.ORDER_ID).is(reservation.orderId()));
	}

	private static Query openReservation(String productId, Reservation reservation) {
		return Query.query(Criteria.where("_id")
			.is(productId)
			.and(Product.ACTIVE)
			.is(true)
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
