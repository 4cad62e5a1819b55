package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.mongo.OneTimeMigration;

/**
 * Gives the orders stored before {@code recoverAt} existed theirs, once. Those the recovery job still has something
 * to do for (unfinished or owing a follow-up, not left to an operator) become due when the job's old query would have
 * taken them: the time-out run from their last move, any claim and back-off over. Only the first start of an upgraded
 * service reads the whole collection (no index can find orders without a field); a new store has nothing to read.
 * Setting an order only while it still lacks the field makes it harmless to repeat, and to run on several instances
 * at once.
 */
@Component
class RecoverAtBackfill extends OneTimeMigration {

	static final String NAME = "orders.recoverAt";

	private final Duration recoveryTimeout;

	RecoverAtBackfill(MongoTemplate mongo, OrderProperties properties) {
		super(mongo, NAME);
		this.recoveryTimeout = properties.recovery().timeout();
	}

	@Override
	protected int migrate() {
		if (this.mongo.estimatedCount(Order.class) == 0) {
			return 0;
		}
		int given = 0;
		Query older = Query.query(new Criteria().andOperator(Criteria.where("recoverAt").exists(false),
				Criteria.where("needsAttention").ne(true),
				new Criteria().orOperator(Criteria.where("orderStatus").in(OrderStatus.UNFINISHED),
						Criteria.where("followUps.0").exists(true))));
		older.fields().include("updatedAt", "claimedUntil", "nextAttemptAt");
		for (Document order : this.mongo.find(older, Document.class, this.mongo.getCollectionName(Order.class))) {
			Instant due = Times.latest(order.getDate("updatedAt").toInstant().plus(this.recoveryTimeout),
					instant(order.getDate("claimedUntil")), instant(order.getDate("nextAttemptAt")));
			Query stillWithout = Query.query(Criteria.where("_id").is(order.get("_id")).and("recoverAt").exists(false));
			given += (int) this.mongo.updateFirst(stillWithout, Update.update("recoverAt", due), Order.class)
				.getModifiedCount();
		}
		return given;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
