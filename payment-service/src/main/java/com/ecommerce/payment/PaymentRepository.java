package com.ecommerce.payment;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code payments} collection. Every write is one insert or one find-and-modify on one document with its
 * precondition in the filter ({@link PaymentUpdates}), which MongoDB applies atomically: the payment and its outbox
 * can't disagree. {@code insert} throws DuplicateKeyException when the order already has a completed payment.
 */
interface PaymentRepository extends MongoRepository<Payment, String>, PaymentUpdates {

	Optional<Payment> findByTransactionId(String transactionId);

	/** The order's completed payment: its unique index allows one. */
	Optional<Payment> findByCompletedOrderId(String orderId);

}
