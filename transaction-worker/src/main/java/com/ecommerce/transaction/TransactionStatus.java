package com.ecommerce.transaction;

/** The statuses the transaction list filters by: those payment-service publishes for a charge or a refund. */
enum TransactionStatus {

	completed, failed, refunded

}
