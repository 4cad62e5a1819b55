package com.ecommerce.order;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One change to one order, computed by {@link Order} and applied by {@link OrderRepository} as a single guarded
 * find-and-modify: when the order is in one of {@code from}, it moves to {@code to} with the {@code fields}, owes the
 * follow-ups in {@code owed}, is rid of those in {@code settled}, and gains the timeline {@code entries} — all in one
 * write, so a crash can never separate a status from what it owes. A change without {@code to} leaves the status
 * alone and applies whatever the status is. {@code lastMove} is when the order's status last moved once the change
 * is made (a move's own time): the recovery time-out runs from it.
 */
record OrderChange(String orderId, Set<OrderStatus> from, OrderStatus to, Fields fields, List<FollowUp> owed,
		List<FollowUp> settled, List<TimelineEntry> entries, Instant lastMove) {

	OrderChange {
		if (to != null) {
			for (OrderStatus source : from) {
				if (!source.next().contains(to)) {
					throw new IllegalStateException("An order can't move from " + source + " to " + to);
				}
			}
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("Every change writes at least one timeline entry");
		}
	}

	/** A status move. */
	static OrderChange move(String orderId, Set<OrderStatus> from, OrderStatus to, Fields fields, List<FollowUp> owed,
			TimelineEntry... entries) {
		Instant at = (entries.length > 0) ? entries[entries.length - 1].at() : null;
		return new OrderChange(orderId, from, to, fields, owed, List.of(), List.of(entries), at);
	}

	/** A change that leaves the status alone, on an order whose status last moved at {@code lastMove}. */
	static OrderChange keepingStatus(String orderId, Instant lastMove, Fields fields, List<FollowUp> owed,
			List<FollowUp> settled, TimelineEntry entry) {
		return new OrderChange(orderId, Set.of(), null, fields, owed, settled, List.of(entry), lastMove);
	}

	boolean movesStatus() {
		return this.to != null;
	}

	/** When the change happened: its last timeline entry's time, which becomes the order's {@code updatedAt}. */
	Instant at() {
		return this.entries.getLast().at();
	}

	/**
	 * The order fields a change may set; {@code null} leaves a field as it is. Each component is named as the
	 * {@link Order} field it sets (a test holds them to it).
	 */
	record Fields(Long unitPrice, Long amount, Instant chargeDeadline, String failureReason, String paymentId,
			String transactionId, String cancellationReason, Instant cancelledAt) {

		static final Fields NONE = new Fields(null, null, null, null, null, null, null, null);

		static Fields priced(long unitPrice, long amount, Instant chargeDeadline) {
			return new Fields(unitPrice, amount, chargeDeadline, null, null, null, null, null);
		}

		static Fields paidBy(String paymentId, String transactionId) {
			return new Fields(null, null, null, null, paymentId, transactionId, null, null);
		}

		static Fields failedFor(FailureReason reason, String paymentId, String transactionId) {
			return new Fields(null, null, null, reason.name(), paymentId, transactionId, null, null);
		}

		static Fields cancelledFor(String reason, Instant at) {
			return new Fields(null, null, null, null, null, null, reason, at);
		}

	}

}
