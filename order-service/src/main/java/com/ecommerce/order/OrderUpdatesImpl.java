package com.ecommerce.order;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
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

import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.PageQuery;

/**
 * {@link OrderUpdates} on MongoTemplate. Field names are {@link Order}'s components. Every write that changes what the
 * recovery job has to do for an order also keeps its {@code recoverAt}, the one field the job's claim queries.
 */
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

	private static final String RECOVER_AT = "recoverAt";

	/** What a change may set, each under its own name (read once: every status change goes through here). */
	private static final RecordComponent[] FIELDS = OrderChange.Fields.class.getRecordComponents();

	private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

	private final MongoTemplate mongo;

	private final Duration recoveryTimeout;

	OrderUpdatesImpl(MongoTemplate mongo, OrderProperties properties) {
		this.mongo = mongo;
		this.recoveryTimeout = properties.recovery().timeout();
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
		if (change.movesStatus() || !change.owed().isEmpty()) {
			// Due for the recovery job once the time-out has run from the last move; $max keeps a later instant, a
			// live claim's or a back-off's, as the job waited for all of them before.
			update.max(RECOVER_AT, change.lastMove().plus(this.recoveryTimeout));
		}
		update.push(TIMELINE).each(change.entries().toArray());
		Order changed = this.mongo.findAndModify(query, update, RETURN_NEW, Order.class);
		if (changed != null && changed.recoverAt() != null && !changed.recoverable()) {
			// Settled by this change (or left to an operator): whether it is can't be said in the same update.
			forget(changed.orderId());
		}
		return Optional.ofNullable(changed);
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
	public Optional<Order> claimStale(Instant now, Instant claimUntil) {
		// One range on one indexed field: every condition the job once spelled out is folded into recoverAt.
		Query query = Query.query(Criteria.where(RECOVER_AT).lte(now)).with(Sort.by(RECOVER_AT));
		Update update = new Update().set(CLAIMED_UNTIL, claimUntil).set(RECOVER_AT, claimUntil);
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
	}

	@Override
	public void unclaim(Order claimed) {
		Query settled = Query.query(ownClaim(claimed).orOperator(notRecoverable()));
		if (this.mongo.updateFirst(settled, new Update().unset(CLAIMED_UNTIL).unset(RECOVER_AT), Order.class)
			.getMatchedCount() == 0) {
			// Owed something again since it was read: recoverAt stays, the claim's end at the earliest.
			this.mongo.updateFirst(Query.query(ownClaim(claimed)), new Update().unset(CLAIMED_UNTIL), Order.class);
		}
	}

	@Override
	public void retryLater(Order claimed, Instant nextAttemptAt, boolean needsAttention) {
		Update update = new Update().unset(CLAIMED_UNTIL).inc(RECOVERY_ATTEMPTS, 1).set(NEXT_ATTEMPT_AT, nextAttemptAt);
		if (needsAttention) {
			update.set(NEEDS_ATTENTION, true).unset(RECOVER_AT);
		}
		else {
			update.set(RECOVER_AT, nextAttemptAt);
		}
		this.mongo.updateFirst(Query.query(ownClaim(claimed)), update, Order.class);
	}

	@Override
	public void postpone(Order claimed, Instant until) {
		Update update = new Update().unset(CLAIMED_UNTIL).set(NEXT_ATTEMPT_AT, until).set(RECOVER_AT, until);
		this.mongo.updateFirst(Query.query(ownClaim(claimed)), update, Order.class);
	}

	@Override
	public Optional<Order> leaveToOperator(Order order, TimelineEntry why) {
		Query query = Query.query(Criteria.where(ID).is(order.orderId()).and(STATUS).is(order.orderStatus()));
		Update update = new Update().set(NEEDS_ATTENTION, true).unset(RECOVER_AT).push(TIMELINE, why);
		return Optional.ofNullable(this.mongo.findAndModify(query, update, RETURN_NEW, Order.class));
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
	public long countOverdue(Instant dueBefore) {
		return this.mongo.count(Query.query(Criteria.where(RECOVER_AT).lt(dueBefore).and(STATUS).in(OrderStatus.OPEN)),
				Order.class);
	}

	@Override
	public long countNeedingAttention() {
		return this.mongo.count(Query.query(Criteria.where(NEEDS_ATTENTION).is(true)), Order.class);
	}

	@Override
	public Optional<Order> recoverAgain(String orderId) {
		Order order = this.mongo.findById(orderId, Order.class);
		if (order == null) {
			return Optional.empty();
		}
		Update update = new Update().unset(NEEDS_ATTENTION).unset(NEXT_ATTEMPT_AT).unset(RECOVERY_ATTEMPTS);
		if (order.unsettled()) {
			// At the next pass, unless the time-out since its last move or a live claim still runs.
			update.set(RECOVER_AT, Times.latest(Times.now(), order.updatedAt().plus(this.recoveryTimeout),
					order.claimedUntil()));
		}
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where(ID).is(orderId)), update,
				RETURN_NEW, Order.class));
	}

	/**
	 * Takes the order out of the recovery job's index, guarded on the job having nothing to do there: settled (final,
	 * nothing owed) or left to an operator. A debt owed in between keeps it in.
	 */
	private void forget(String orderId) {
		Query query = Query.query(Criteria.where(ID).is(orderId).orOperator(notRecoverable()));
		this.mongo.updateFirst(query, new Update().unset(RECOVER_AT), Order.class);
	}

	/** The claim this instance made, and only that one: another instance's later claim is left alone. */
	private static Criteria ownClaim(Order claimed) {
		return Criteria.where(ID).is(claimed.orderId()).and(CLAIMED_UNTIL).is(claimed.claimedUntil());
	}

	/** The negation of {@link Order#recoverable()}, as a filter. */
	private static Criteria[] notRecoverable() {
		return new Criteria[] { Criteria.where(NEEDS_ATTENTION).is(true),
				Criteria.where(STATUS).nin(OrderStatus.UNFINISHED).and(FOLLOW_UPS + ".0").exists(false) };
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
