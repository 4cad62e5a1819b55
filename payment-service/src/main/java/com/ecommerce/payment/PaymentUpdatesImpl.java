package com.ecommerce.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** {@link PaymentUpdates} on the MongoTemplate, part of {@link PaymentRepository}. */
class PaymentUpdatesImpl implements PaymentUpdates {

	private final MongoTemplate mongo;

	PaymentUpdatesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Payment> refund(Payment payment, OutboxEvent event, Instant now) {
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

	@Override
	public List<Payment> findPending(int skip, int limit) {
		Query query = Query.query(Criteria.where(Payment.PENDING_EVENTS).gt(0))
			.with(Sort.by(Payment.CREATED_AT, "_id"))
			.skip(skip)
			.limit(limit);
		return this.mongo.find(query, Payment.class);
	}

	@Override
	public boolean markPublished(String paymentId, String eventId, Instant now) {
		Query query = Query.query(Criteria.where("_id")
			.is(paymentId)
			.and(Payment.OUTBOX)
			.elemMatch(Criteria.where(OutboxEvent.EVENT_ID).is(eventId).and(OutboxEvent.PUBLISHED_AT).is(null)));
		// The array filter selects by event id alone, never by what the update sets.
		Update update = new Update().set(Payment.OUTBOX + ".$[e]." + OutboxEvent.PUBLISHED_AT, now)
			.inc(Payment.PENDING_EVENTS, -1)
			.filterArray(Criteria.where("e." + OutboxEvent.EVENT_ID).is(eventId));
		return this.mongo.updateFirst(query, update, Payment.class).getModifiedCount() > 0;
	}

	@Override
	public OutboxBacklog backlog() {
		Query query = Query.query(Criteria.where(Payment.PENDING_EVENTS).gt(0));
		query.fields().include(Payment.PENDING_EVENTS, Payment.OUTBOX);
		long pending = 0;
		Instant oldest = null;
		for (PendingOutbox payment : this.mongo.find(query, PendingOutbox.class,
				this.mongo.getCollectionName(Payment.class))) {
			pending += payment.pendingEvents();
			for (OutboxEvent event : payment.outbox()) {
				if (event.publishedAt() == null && (oldest == null || event.createdAt().isBefore(oldest))) {
					oldest = event.createdAt();
				}
			}
		}
		return new OutboxBacklog(pending, oldest);
	}

	@Override
	public Page<Payment> find(PaymentFilter filter, PageQuery paging) {
		Pageable page = paging.pageable(PageQuery.newestFirst(Payment.CREATED_AT));
		List<Payment> payments = this.mongo.find(matching(filter).with(page), Payment.class);
		return PageableExecutionUtils.getPage(payments, page, () -> this.mongo.count(matching(filter), Payment.class));
	}

	private static Query matching(PaymentFilter filter) {
		List<Criteria> criteria = new ArrayList<>();
		if (filter.status() != null) {
			criteria.add(Criteria.where(Payment.STATUS).is(filter.status().name()));
		}
		if (filter.orderId() != null) {
			criteria.add(Criteria.where(Payment.ORDER_ID).is(filter.orderId()));
		}
		if (filter.customerId() != null) {
			criteria.add(Criteria.where(Payment.CUSTOMER_ID).is(filter.customerId()));
		}
		return criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
	}

	/** The outbox part of a payment, read without the rest. */
	record PendingOutbox(int pendingEvents, List<OutboxEvent> outbox) {
	}

}
