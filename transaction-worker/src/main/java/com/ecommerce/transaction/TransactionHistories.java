package com.ecommerce.transaction;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.messaging.TransactionEvent;
import com.ecommerce.shared.web.PageQuery;

/**
 * The {@code transactionhistories} collection, one document per transaction id. Writing an event is idempotent and
 * order-proof without transactions: the first event inserts the document; any later one changes it only through a
 * guarded update that matches when the stored event is strictly older, so a redelivery or a duplicate changes nothing
 * and a late "completed" never overwrites "refunded".
 */
@Repository
class TransactionHistories implements InitializingBean {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(TransactionHistory.TIMESTAMP), Sort.Order.desc("_id"));

	private final MongoTemplate mongo;

	TransactionHistories(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Indexes are made at start-up, for the API's filters and its newest-first order. */
	@Override
	public void afterPropertiesSet() {
		var indexes = this.mongo.indexOps(TransactionHistory.class);
		indexes.createIndex(new Index(TransactionHistory.ORDER_ID, Sort.Direction.ASC).named("orderId"));
		indexes.createIndex(new Index(TransactionHistory.CUSTOMER_ID, Sort.Direction.ASC).named("customerId"));
		indexes.createIndex(new Index(TransactionHistory.STATUS, Sort.Direction.ASC).named("status"));
		indexes.createIndex(new Index(TransactionHistory.TIMESTAMP, Sort.Direction.DESC).named("timestamp_desc"));
	}

	/** @return whether the event changed what is stored (false for a duplicate or an older event) */
	boolean record(TransactionEvent event, String requestId) {
		TransactionHistory history = TransactionHistory.of(event, requestId, Times.now());
		try {
			this.mongo.insert(history);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return replaceIfOlder(history);
		}
	}

	private boolean replaceIfOlder(TransactionHistory newer) {
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

	Optional<TransactionHistory> findById(String transactionId) {
		return Optional.ofNullable(this.mongo.findById(transactionId, TransactionHistory.class));
	}

	List<TransactionHistory> find(TransactionFilter filter, PageQuery paging) {
		Query query = filter.toQuery().with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit());
		return this.mongo.find(query, TransactionHistory.class);
	}

	long count(TransactionFilter filter) {
		return this.mongo.count(filter.toQuery(), TransactionHistory.class);
	}

}
