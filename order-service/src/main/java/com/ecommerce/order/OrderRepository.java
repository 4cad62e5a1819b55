package com.ecommerce.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.ecommerce.shared.web.PageQuery;

/**
 * The {@code orders} collection. Every status change is one find-and-modify guarded by the status it starts from, so
 * of a flow, a cancel and the recovery job racing on one order exactly one wins each change; the follow-ups the change
 * owes and its timeline lines are written in that same update.
 */
@Repository
class OrderRepository implements InitializingBean {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(Order.CREATED_AT), Sort.Order.desc("_id"));

	private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

	private final MongoTemplate mongo;

	OrderRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		var indexes = this.mongo.indexOps(Order.class);
		// Unique over the orders that have a key: two creates under one key can't both insert.
		indexes.createIndex(
				new Index(Order.IDEMPOTENCY_KEY, Sort.Direction.ASC).unique().sparse().named("idempotencyKey_unique"));
		indexes.createIndex(new Index().on(Order.CUSTOMER_ID, Sort.Direction.ASC)
			.on(Order.CREATED_AT, Sort.Direction.DESC)
			.named("customer_createdAt"));
		indexes.createIndex(new Index().on(Order.STATUS, Sort.Direction.ASC)
			.on(Order.CREATED_AT, Sort.Direction.DESC)
			.named("status_createdAt"));
		indexes.createIndex(new Index().on(Order.CREATED_AT, Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
			.named("createdAt_desc"));
		// What the recovery job looks for: open or owing orders untouched for a while.
		indexes.createIndex(new Index().on(Order.UPDATED_AT, Sort.Direction.ASC).named("updatedAt"));
	}

	/** @throws org.springframework.dao.DuplicateKeyException when another order holds the idempotency key */
	Order insert(Order order) {
		return this.mongo.insert(order);
	}

	Optional<Order> findById(String orderId) {
		return Optional.ofNullable(this.mongo.findById(orderId, Order.class));
	}

	Optional<Order> findByIdempotencyKey(String key) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where(Order.IDEMPOTENCY_KEY).is(key)), Order.class));
	}

	List<Order> find(OrderFilter filter, PageQuery paging) {
		Query query = matching(filter).with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit());
		query.fields().exclude(Order.TIMELINE);
		return this.mongo.find(query, Order.class);
	}

	long count(OrderFilter filter) {
		return this.mongo.count(matching(filter), Order.class);
	}

	/**
	 * Moves the order to {@code to} if it is in one of {@code from}, with the change's other fields, the follow-ups it
	 * owes and its timeline lines; empty when the order is not (or no longer) in one of {@code from}.
	 */
	Optional<Order> transition(String orderId, Set<OrderStatus> from, OrderStatus to, Map<String, Object> fields,
			List<FollowUp> owed, TimelineEntry... entries) {
		Query query = Query.query(Criteria.where("_id").is(orderId).and(Order.STATUS).in(from));
		Update update = setting(fields).set(Order.STATUS, to).set(Order.UPDATED_AT, entries[entries.length - 1].at());
		if (!owed.isEmpty()) {
			update.addToSet(Order.FOLLOW_UPS).each(owed.toArray());
		}
		update.push(Order.TIMELINE).each((Object[]) entries);
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
	}

	/** Adds a follow-up to an order whatever its status (the loser of a race owes its own side effects back). */
	Optional<Order> owe(String orderId, FollowUp followUp, Map<String, Object> fields, TimelineEntry entry) {
		Update update = setting(fields).addToSet(Order.FOLLOW_UPS, followUp).push(Order.TIMELINE, entry);
		return Optional.ofNullable(
				this.mongo.findAndModify(Query.query(Criteria.where("_id").is(orderId)), update, RETURN_NEW, Order.class));
	}

	/** The follow-up is done (or can't ever be done): remove it, say so in the timeline. */
	void settle(String orderId, FollowUp followUp, TimelineEntry entry) {
		Update update = new Update().pull(Order.FOLLOW_UPS, followUp).push(Order.TIMELINE, entry);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), update, Order.class);
	}

	void note(String orderId, TimelineEntry entry) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), new Update().push(Order.TIMELINE, entry),
				Order.class);
	}

	/**
	 * Claims the oldest order that is open or owes a follow-up and was last changed before {@code cutoff}, and that no
	 * instance holds a live claim on. The claim is one guarded update, so two instances never get the same order.
	 */
	Optional<Order> claimStale(Instant cutoff, Instant now, Instant claimUntil) {
		Query query = Query.query(new Criteria().andOperator(Criteria.where(Order.UPDATED_AT).lt(cutoff),
				new Criteria().orOperator(Criteria.where(Order.STATUS).in(OrderStatus.OPEN),
						Criteria.where(Order.FOLLOW_UPS + ".0").exists(true)),
				new Criteria().orOperator(Criteria.where(Order.CLAIMED_UNTIL).is(null),
						Criteria.where(Order.CLAIMED_UNTIL).lt(now))))
			.with(Sort.by(Order.UPDATED_AT));
		Update update = new Update().set(Order.CLAIMED_UNTIL, claimUntil);
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
	}

	/** Lets go of a claim this instance holds, so that the next pass may try the order again. */
	void unclaim(Order claimed) {
		Query query = Query.query(Criteria.where("_id").is(claimed.orderId()).and(Order.CLAIMED_UNTIL).is(claimed.claimedUntil()));
		this.mongo.updateFirst(query, new Update().unset(Order.CLAIMED_UNTIL), Order.class);
	}

	private static Update setting(Map<String, Object> fields) {
		Update update = new Update();
		fields.forEach(update::set);
		return update;
	}

	private static Query matching(OrderFilter filter) {
		Criteria criteria = new Criteria();
		if (filter.customerId() != null) {
			criteria = criteria.and(Order.CUSTOMER_ID).is(filter.customerId());
		}
		if (filter.status() != null) {
			criteria = criteria.and(Order.STATUS).is(filter.status());
		}
		return Query.query(criteria);
	}

}
