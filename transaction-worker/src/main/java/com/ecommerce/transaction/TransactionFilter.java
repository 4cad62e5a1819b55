package com.ecommerce.transaction;

import com.ecommerce.shared.web.OptionalResourceId;

/** {@code ?orderId&customerId&status} of the transaction list: each optional; each given one must match exactly. */
record TransactionFilter(@OptionalResourceId String orderId, @OptionalResourceId String customerId,
		TransactionStatus status) {
}
