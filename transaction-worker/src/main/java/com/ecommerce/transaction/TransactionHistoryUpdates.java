package com.ecommerce.transaction;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * What {@link TransactionHistoryRepository} does beyond Spring Data's own methods
 * ({@link TransactionHistoryUpdatesImpl}).
 */
interface TransactionHistoryUpdates {

	/** Replaces the stored history of the transaction only if its event is older. @return whether it did */
	boolean replaceIfOlder(TransactionHistory newer);

	/** The histories that match every filter given. */
	Page<TransactionHistory> findMatching(TransactionFilter filter, Pageable pageable);

}
