package com.ecommerce.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;

import com.ecommerce.shared.web.PageQuery;

/** What {@link PaymentRepository} can't derive: the guarded updates, the outbox's reads and the filtered lists. */
interface PaymentUpdates {

	/**
	 * Marks a completed payment refunded and puts the refund event in its outbox, in one update; empty when the
	 * payment is no longer completed.
	 */
	Optional<Payment> refund(Payment payment, OutboxEvent event, Instant now);

	/** The oldest payments with unpublished events. */
	List<Payment> findPending(int skip, int limit);

	/**
	 * Marks one event published. Guarded on it still being unpublished, so the counter goes down once per event
	 * however many relays raced to publish it.
	 */
	boolean markPublished(String paymentId, String eventId, Instant now);

	/** The unpublished events' count and oldest creation time, read from the few documents that have some. */
	OutboxBacklog backlog();

	/** A page of the payments matching the filter, newest first, with their total. */
	Page<Payment> find(PaymentFilter filter, PageQuery paging);

	record OutboxBacklog(long pendingEvents, Instant oldestPendingAt) {
	}

}
