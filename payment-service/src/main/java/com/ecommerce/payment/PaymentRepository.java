package com.ecommerce.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * The {@code payments} collection. Every write is one insert or one find-and-modify on one document with its
 * precondition in the filter, which MongoDB applies atomically: the payment and its outbox can't disagree.
 */
@Repository
class PaymentRepository implements InitializingBean {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(Payment.CREATED_AT), Sort.Order.desc("_id"));

	private static final String OUTBOX_EVENT_ID = Payment.OUTBOX + "." + OutboxEvent.EVENT_ID;

	private final MongoTemplate mongo;

	PaymentRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		var indexes = this.mongo.indexOps(Payment.class);
		// Sparse: only completed payments carry the field, so failed and refunded ones never collide.
		indexes.createIndex(new Index().on(Payment.COMPLETED_ORDER_ID, Sort.Direction.ASC)
			.unique()
			.sparse()
			.named("completedOrderId_unique"));
		indexes.createIndex(new Index().on(Payment.TRANSACTION_ID, Sort.Direction.ASC).unique().named("transactionId"));
		indexes.createIndex(new Index().on(Payment.ORDER_ID, Sort.Direction.ASC)
			.on(Payment.CREATED_AT, Sort.Direction.DESC)
			.named("orderId_createdAt"));
		indexes.createIndex(new Index().on(Payment.CUSTOMER_ID, Sort.Direction.ASC)
			.on(Payment.CREATED_AT, Sort.Direction.DESC)
			.named("customerId_createdAt"));
		indexes.createIndex(new Index().on(Payment.STATUS, Sort.Direction.ASC)
			.on(Payment.CREATED_AT, Sort.Direction.DESC)
			.named("status_createdAt"));
		indexes.createIndex(new Index().on(Payment.CREATED_AT, Sort.Direction.DESC).named("createdAt_desc"));
		indexes.createIndex(new Index().on(Payment.PENDING_EVENTS, Sort.Direction.ASC).named("pendingEvents"));
	}

	/** Throws DuplicateKeyException when the order already has a completed payment. */
	void insert(Payment payment) {
		this.mongo.insert(payment);
	}

	Optional<Payment> findById(String paymentId) {
		return Optional.ofNullable(this.mongo.findById(paymentId, Payment.class));
	}

	Optional<Payment> findByTransactionId(String transactionId) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(Criteria.where(Payment.TRANSACTION_ID).is(transactionId)), Payment.class));
	}

	Optional<Payment> findCompleted(String orderId) {
		return Optional.ofNullable(this.mongo
			.findOne(Query.query(Criteria.where(Payment.COMPLETED_ORDER_ID).is(orderId)), Payment.class));
	}

	List<Payment> find(PaymentFilter filter, PageQuery paging) {
		return this.mongo.find(matching(filter).with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit()),
				Payment.class);
	}

	long count(PaymentFilter filter) {
		return this.mongo.count(matching(filter), Payment.class);
	}

	/**
	 * Marks a completed payment refunded and puts the refund event in its outbox, in one update; empty when the
	 * payment is no longer completed.
	 */
	Optional<Payment> refund(Payment payment, OutboxEvent event, Instant now) {
		Query query = Query.query(
				Criteria.where("_id").is(payment.paymentId()).and(Payment.STATUS).is(Payment.Status.completed.name()));
		Update update = new Update().set(Payment.STATUS, Payment.Status.refunded.name())
			.set(Payment.REFUNDED_AT, now)
			.set(Payment.UPDATED_AT, now)
			.push(Payment.OUTBOX, event)
			.inc(Payment.PENDING_EVENTS, 1);
		return Optional.ofNullable(this.mongo.findAndModify(query, update,
				FindAndModifyOptions.options().returnNew(true), Payment.class));
	}

	/** The oldest payments with unpublished events. */
	List<Payment> findPending(int limit) {
		Query query = Query.query(Criteria.where(Payment.PENDING_EVENTS).gt(0))
			.with(Sort.by(Payment.CREATED_AT, "_id"))
			.limit(limit);
		return this.mongo.find(query, Payment.class);
	}

	/**
	 * Marks one event published. Guarded on it still being unpublished, so the counter goes down once per event
	 * however many relays raced to publish it.
	 */
	boolean markPublished(String paymentId, String eventId, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(paymentId)
			.and(Payment.OUTBOX)
			.elemMatch(Criteria.where(OutboxEvent.EVENT_ID).is(eventId).and(OutboxEvent.PUBLISHED_AT).is(null)));
		// The array filter selects by event id alone: mongo-java-server evaluates it again for each field it sets.
		Update update = new Update().set(Payment.OUTBOX + ".$[e]." + OutboxEvent.PUBLISHED_AT, now)
			.inc(Payment.PENDING_EVENTS, -1)
			.filterArray(Criteria.where("e." + OutboxEvent.EVENT_ID).is(eventId));
		return this.mongo.updateFirst(query, update, Payment.class).getModifiedCount() > 0;
	}

	/** The unpublished events' count and oldest creation time, read from the few documents that have some. */
	OutboxBacklog backlog() {
		Query query = Query.query(Criteria.where(Payment.PENDING_EVENTS).gt(0));
		query.fields().include(Payment.PENDING_EVENTS, Payment.OUTBOX);
		long pending = 0;
		Instant oldest = null;
		for (PendingOutbox payment : this.mongo.find(query, PendingOutbox.class, this.mongo.getCollectionName(Payment.class))) {
			pending += payment.pendingEvents();
			for (OutboxEvent event : payment.outbox()) {
				if (event.publishedAt() == null && (oldest == null || event.createdAt().isBefore(oldest))) {
					oldest = event.createdAt();
				}
			}
		}
		return new OutboxBacklog(pending, oldest);
	}

	private static Query matching(PaymentFilter filter) {
		List<Criteria> criteria = new ArrayList<>();
		if (filter.status() != null) {
			criteria.add(Criteria.where(Payment.STATUS).is(filter.status()));
		}
		if (filter.orderId() != null) {
			criteria.add(Criteria.where(Payment.ORDER_ID).is(filter.orderId()));
		}
		if (filter.customerId() != null) {
			criteria.add(Criteria.where(Payment.CUSTOMER_ID).is(filter.customerId()));
		}
		return criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
	}

	record OutboxBacklog(long pendingEvents, Instant oldestPendingAt) {
	}

	/** The outbox part of a payment, read without the rest. */
	record PendingOutbox(int pendingEvents, List<OutboxEvent> outbox) {
	}

}
