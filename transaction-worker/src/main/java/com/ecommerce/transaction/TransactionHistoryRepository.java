package com.ecommerce.transaction;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.repository.MongoRepository;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.messaging.TransactionEvent;

/**
 * The {@code transactionhistories} collection, one document per transaction id. Writing an event is idempotent and
 * order-proof without transactions: the first event inserts the document; any later one changes it only through a
 * guarded update ({@link TransactionHistoryUpdates}) that matches when the stored event is strictly older, so a
 * redelivery or a duplicate changes nothing and a late "completed" never overwrites "refunded".
 */
interface TransactionHistoryRepository extends MongoRepository<TransactionHistory, String>, TransactionHistoryUpdates {

	/** @return whether the event changed what is stored (false for a duplicate or an older event) */
	default boolean record(TransactionEvent event, String requestId) {
		TransactionHistory history = TransactionHistory.of(event, requestId, Times.now());
		try {
			insert(history);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return replaceIfOlder(history);
		}
	}

}
