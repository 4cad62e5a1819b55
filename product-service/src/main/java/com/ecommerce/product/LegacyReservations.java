package com.ecommerce.product;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.mongo.OneTimeMigration;

/**
 * Brings products stored by earlier versions to today's shape: those versions kept closed reservations (with a
 * {@code state} of COMMITTED or RELEASED) inside the product and had no tombstone count. Each closed one is copied to
 * {@code closed_reservations}, then removed from its product and counted as a tombstone, so that a reserve that read
 * the product before can't slip in; both steps are idempotent, so a start-up cut short is finished by the next.
 */
@Component
class LegacyReservations extends OneTimeMigration {

	static final String NAME = "products.closedReservations";

	private static final String STATE = "state";

	private static final List<String> CLOSED = List.of(ClosedReservation.State.COMMITTED.name(),
			ClosedReservation.State.RELEASED.name());

	LegacyReservations(MongoTemplate mongo) {
		super(mongo, NAME);
	}

	@Override
	protected int migrate() {
		if (this.mongo.estimatedCount(Product.class) == 0) {
			return 0;
		}
		int changed = (int) this.mongo
			.updateMulti(Query.query(Criteria.where(Product.TOMBSTONES).exists(false)),
					new Update().set(Product.TOMBSTONES, 0), Product.class)
			.getModifiedCount();
		Query legacy = Query.query(Criteria.where(Product.RESERVATIONS + "." + STATE).in(CLOSED));
		legacy.fields().include(Product.RESERVATIONS);
		for (Document product : this.mongo.find(legacy, Document.class, this.mongo.getCollectionName(Product.class))) {
			for (Document entry : product.getList(Product.RESERVATIONS, Document.class)) {
				if (CLOSED.contains(entry.getString(STATE))) {
					move(product.getString("_id"), entry);
					changed++;
				}
			}
		}
		return changed;
	}

	private void move(String productId, Document entry) {
		String orderId = entry.getString(Reservation.ORDER_ID);
		Reservation reservation = new Reservation(orderId, entry.getInteger(Reservation.QUANTITY),
				((Number) entry.get("unitPrice")).longValue(), instant(entry.getDate("reservedAt")));
		try {
			this.mongo.insert(ClosedReservation.of(productId, reservation,
					ClosedReservation.State.valueOf(entry.getString(STATE)), instant(entry.getDate("closedAt"))));
		}
		catch (DuplicateKeyException ex) {
			// Copied by an earlier start-up that stopped before removing it.
		}
		Document closedEntry = new Document(Reservation.ORDER_ID, orderId).append(STATE, entry.getString(STATE));
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id")
					.is(productId)
					.and(Product.RESERVATIONS)
					.elemMatch(Criteria.where(Reservation.ORDER_ID).is(orderId).and(STATE).is(entry.getString(STATE)))),
				new Update().pull(Product.RESERVATIONS, closedEntry).inc(Product.TOMBSTONES, 1), Product.class);
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
