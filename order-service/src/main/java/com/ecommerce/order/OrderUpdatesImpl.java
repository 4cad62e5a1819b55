package com.ecommerce.order;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;

import com.ecommerce.shared.web.PageQuery;

/** {@link OrderUpdates} on MongoTemplate. Field names are {@link Order}'s components. */
class OrderUpdatesImpl implements OrderUpdates {

	private static final String ID = "_id";

	private static final String STATUS = "orderStatus";

	private static final String UPDATED_AT = "updatedAt";

	private static final String FOLLOW_UPS = "followUps";

	private static final String CLAIMED_UNTIL = "claimedUntil";

	private static final String TIMELINE = "timeline";

	private static final String RECOVERY_ATTEMPTS = "recoveryAttempts";

	private static final String NEXT_ATTEMPT_AT = "nextAttemptAt";

	private static final String NEEDS_ATTENTION = "needsAttention";

	/** What a change may set, each under its own name (read once: every status change goes through here). */
	private static final RecordComponent[] FIELDS = OrderChange.Fields.class.getRecordComponents();

	private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

	private final MongoTemplate mongo;

	OrderUpdatesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Order> apply(OrderChange change) {
		Query query = Query.query(Criteria.where(ID).is(change.orderId()));
		Update update = setting(change.fields());
		if (change.movesStatus()) {
			query.addCriteria(Criteria.where(STATUS).in(change.from()));
			update.set(STATUS, change.to()).set(UPDATED_AT, change.at());
		}
		if (!change.owed().isEmpty()) {
			update.addToSet(FOLLOW_UPS).each(change.owed().toArray());
		}
		if (!change.settled().isEmpty()) {
			update.pullAll(FOLLOW_UPS, change.settled().toArray());
		}
		update.push(TIMELINE).each(change.entries().toArray());
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
	}

	@Override
	public Page<Order> findMatching(OrderFilter filter, PageQuery paging) {
		Pageable pageable = paging.pageable(PageQuery.newestFirst("createdAt"));
		Query query = matching(filter).with(pageable);
		query.fields().exclude(TIMELINE);
		return PageableExecutionUtils.getPage(this.mongo.find(query, Order.class), pageable,
				() -> this.mongo.count(matching(filter), Order.class));
	}

	@Override
	public Optional<Order> claimStale(Instant cutoff, Instant now, Instant claimUntil) {
		Query query = Query.query(new Criteria().andOperator(Criteria.where(UPDATED_AT).lt(cutoff),
				new Criteria().orOperator(Criteria.where(STATUS).in(OrderStatus.OPEN),
						Criteria.where(FOLLOW_UPS + ".0").exists(true)),
				new Criteria().orOperator(Criteria.where(CLAIMED_UNTIL).is(null),
						Criteria.where(CLAIMED_UNTIL).lt(now)),
				new Criteria().orOperator(Criteria.where(NEXT_ATTEMPT_AT).is(null),
						Criteria.where(NEXT_ATTEMPT_AT).lt(now)),
				Criteria.where(NEEDS_ATTENTION).ne(true)))
			.with(Sort.by(UPDATED_AT));
		Update update = new Update().set(CLAIMED_UNTIL, claimUntil);
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
	}

	@Override
	public void unclaim(Order claimed) {
		Query query = Query
			.query(Criteria.where(ID).is(claimed.orderId()).and(CLAIMED_UNTIL).is(claimed.claimedUntil()));
		this.mongo.updateFirst(query, new Update().unset(CLAIMED_UNTIL), Order.class);
	}

	@Override
	public void retryLater(Order claimed, Instant nextAttemptAt, boolean needsAttention) {
		Query query = Query
			.query(Criteria.where(ID).is(claimed.orderId()).and(CLAIMED_UNTIL).is(claimed.claimedUntil()));
		Update update = new Update().unset(CLAIMED_UNTIL).inc(RECOVERY_ATTEMPTS, 1).set(NEXT_ATTEMPT_AT, nextAttemptAt);
		if (needsAttention) {
			update.set(NEEDS_ATTENTION, true);
		}
		this.mongo.updateFirst(query, update, Order.class);
	}

	@Override
	public void postpone(Order claimed, Instant until) {
		Query query = Query
			.query(Criteria.where(ID).is(claimed.orderId()).and(CLAIMED_UNTIL).is(claimed.claimedUntil()));
		this.mongo.updateFirst(query, new Update().unset(CLAIMED_UNTIL).set(NEXT_ATTEMPT_AT, until), Order.class);
	}

	@Override
	public Page<Order> findNeedingAttention(PageQuery paging) {
		Pageable pageable = paging.pageable(Sort.by(UPDATED_AT, ID));
		Query query = Query.query(Criteria.where(NEEDS_ATTENTION).is(true)).with(pageable);
		query.fields().exclude(TIMELINE);
		return PageableExecutionUtils.getPage(this.mongo.find(query, Order.class), pageable,
				() -> this.mongo.count(Query.query(Criteria.where(NEEDS_ATTENTION).is(true)), Order.class));
	}

	@Override
	public Optional<Order> recoverAgain(String orderId) {
		Update update = new Update().unset(NEEDS_ATTENTION).unset(NEXT_ATTEMPT_AT).unset(RECOVERY_ATTEMPTS);
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where(ID).is(orderId)), update,
				RETURN_NEW, Order.class));
	}

	/** Sets each field the change gives a value, under the name of the order component it stands for. */
	private static Update setting(OrderChange.Fields fields) {
		Update update = new Update();
		for (RecordComponent component : FIELDS) {
			Object value = valueOf(component, fields);
			if (value != null) {
				update.set(component.getName(), value);
			}
		}
		return update;
	}

	private static Object valueOf(RecordComponent component, OrderChange.Fields fields) {
		try {
			return component.getAccessor().invoke(fields);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Query matching(OrderFilter filter) {
		Criteria criteria = new Criteria();
		if (filter.customerId() != null) {
			criteria = criteria.and("customerId").is(filter.customerId());
		}
		if (filter.status() != null) {
			criteria = criteria.and(STATUS).is(filter.status());
		}
		return Query.query(criteria);
	}

}
