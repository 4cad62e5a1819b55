package com.ecommerce.transaction;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;

/** {@link TransactionHistoryUpdates} on MongoTemplate. */
class TransactionHistoryUpdatesImpl implements TransactionHistoryUpdates {

	private final MongoTemplate mongo;

	TransactionHistoryUpdatesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public boolean replaceIfOlder(TransactionHistory newer) {
		Query older = Query.query(Criteria.where("_id").is(newer.transactionId())
			.and(TransactionHistory.TIMESTAMP).lt(newer.timestamp()));
		Update update = new Update().set("paymentId", newer.paymentId())
			.set(TransactionHistory.ORDER_ID, newer.orderId())
			.set(TransactionHistory.CUSTOMER_ID, newer.customerId())
			.set("productId", newer.productId())
			.set("amount", newer.amount())
			.set(TransactionHistory.STATUS, newer.status())
			.set("type", newer.type())
			.set(TransactionHistory.TIMESTAMP, newer.timestamp())
			.set("updatedAt", newer.updatedAt())
			.set("requestId", newer.requestId());
		return this.mongo.updateFirst(older, update, TransactionHistory.class).getModifiedCount() > 0;
	}

	@Override
	public Page<TransactionHistory> findMatching(TransactionFilter filter, Pageable pageable) {
		Query query = matching(filter);
		List<TransactionHistory> histories = this.mongo.find(Query.of(query).with(pageable), TransactionHistory.class);
		return PageableExecutionUtils.getPage(histories, pageable,
				() -> this.mongo.count(query, TransactionHistory.class));
	}

	private static Query matching(TransactionFilter filter) {
		Criteria criteria = new Criteria();
		if (filter.orderId() != null) {
			criteria.and(TransactionHistory.ORDER_ID).is(filter.orderId());
		}
		if (filter.customerId() != null) {
			criteria.and(TransactionHistory.CUSTOMER_ID).is(filter.customerId());
		}
		if (filter.status() != null) {
			criteria.and(TransactionHistory.STATUS).is(filter.status().name());
		}
		return Query.query(criteria);
	}

}
