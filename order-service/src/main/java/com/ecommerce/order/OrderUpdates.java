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
	 * Claims, until {@code claimUntil}, the order longest due for the recovery job ({@code recoverAt} reached by
	 * {@code now}): open or owing a follow-up, its last move older than the recovery time-out, no live claim on it, its
	 * back-off over, not left to an operator. The claim is one guarded update, so two instances never get the same
	 * order; it puts {@code recoverAt} off to the claim's end.
	 */
	Optional<Order> claimStale(Instant now, Instant claimUntil);

	/**
	 * Lets go of a claim this instance holds on an order it settled: the recovery job has nothing more to do there,
	 * unless something was owed again meanwhile (then the job looks once the claim would have ended).
	 */
	void unclaim(Order claimed);

	/**
	 * Lets go of a claim on an order the attempt could not settle: one more attempt counted, the next not before
	 * {@code nextAttemptAt}, or none at all when {@code needsAttention} (an operator looks at it).
	 */
	void retryLater(Order claimed, Instant nextAttemptAt, boolean needsAttention);

	/** Lets go of a claim on an order an outage held back: no attempt counted, the next not before {@code until}. */
	void postpone(Order claimed, Instant until);

	/**
	 * Leaves the order to an operator, with the timeline line that says why: {@code needsAttention}, and out of the
	 * recovery job's sight until {@link #recoverAgain}. For what no retry can settle (a payment that is not the
	 * order's charge, a refund payment-service refuses). Guarded by the status {@code order} was read in: empty when it
	 * moved on since, or does not exist.
	 */
	Optional<Order> leaveToOperator(Order order, TimelineEntry why);

	/** The orders the recovery job gave up on, oldest change first. */
	Page<Order> findNeedingAttention(PageQuery paging);

	/**
	 * How many open orders are overdue: due for the recovery job since before {@code dueBefore} ({@code recoverAt}),
	 * so the job is not getting to them. A range on the {@code recoverAt} index; the status is checked on the orders
	 * it finds, which are few unless something is wrong.
	 */
	long countOverdue(Instant dueBefore);

	/** How many orders are left to an operator ({@code needsAttention}, a sparse index). */
	long countNeedingAttention();

	/** An operator's "try again": the recovery job takes the order up at its next pass, with a fresh count. */
	Optional<Order> recoverAgain(String orderId);

}
