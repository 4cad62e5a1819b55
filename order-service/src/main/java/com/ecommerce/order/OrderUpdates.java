package com.ecommerce.order;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;

import com.ecommerce.shared.web.PageQuery;

/** What {@link OrderRepository} does beyond Spring Data's own methods ({@link OrderUpdatesImpl}). */
interface OrderUpdates {

	/**
	 * Applies the change as one find-and-modify, guarded by the statuses it starts from; empty when the order is not
	 * (or no longer) in one of them, or does not exist.
	 */
	Optional<Order> apply(OrderChange change);

	/** A page of orders matching the filter, newest first, without their timelines. */
	Page<Order> findMatching(OrderFilter filter, PageQuery paging);

	/**
	 * Claims the oldest order that is open or owes a follow-up and was last changed before {@code cutoff}, and that no
	 * instance holds a live claim on. The claim is one guarded update, so two instances never get the same order.
	 */
	Optional<Order> claimStale(Instant cutoff, Instant now, Instant claimUntil);

	/** Lets go of a claim this instance holds, so that the next pass may try the order again. */
	void unclaim(Order claimed);

	/**
	 * Lets go of a claim on an order the attempt could not settle: one more attempt counted, the next not before
	 * {@code nextAttemptAt}, or none at all when {@code needsAttention} (an operator looks at it).
	 */
	void retryLater(Order claimed, Instant nextAttemptAt, boolean needsAttention);

	/** Lets go of a claim on an order an outage held back: no attempt counted, the next not before {@code until}. */
	void postpone(Order claimed, Instant until);

	/** The orders the recovery job gave up on, oldest change first. */
	Page<Order> findNeedingAttention(PageQuery paging);

	/** An operator's "try again": the recovery job takes the order up at its next pass, with a fresh count. */
	Optional<Order> recoverAgain(String orderId);

}
