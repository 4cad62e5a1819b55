package com.ecommerce.transaction;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The optional filters of the list call; each given one must match exactly. */
record TransactionFilter(String orderId, String customerId, String status) {

	Query toQuery() {
		Criteria criteria = new Criteria();
		if (this.orderId != null) {
			criteria.and(TransactionHistory.ORDER_ID).is(this.orderId);
		}
		if (this.customerId != null) {
			criteria.and(TransactionHistory.CUSTOMER_ID).is(this.customerId);
		}
		if (this.status != null) {
			criteria.and(TransactionHistory.STATUS).is(this.status);
		}
		return Query.query(criteria);
	}

}
