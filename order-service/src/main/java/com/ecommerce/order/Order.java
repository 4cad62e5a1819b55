package com.ecommerce.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.order.OrderChange.Fields;
import com.ecommerce.shared.Money;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * An order as stored in {@code orders} and returned by the API, and the moves of its saga. Money is in cents.
 * <p>
 * An order never changes itself: each move ({@link #reserved}, {@link #complete}, {@link #decline}, {@link #fail},
 * {@link #cancel}, {@link #refunding} …) computes an {@link OrderChange} from this copy — the status it must still be
 * in, the status it goes to, the fields it sets, the follow-ups it owes and the timeline lines it writes — and
 * {@link OrderRepository#apply} makes it one guarded write. Whoever computed a change from a stale copy loses that
 * write and learns so. The bookkeeping (owed follow-ups, the recovery claim, the timeline) is stored with the order
 * but not shown in it; the timeline has its own endpoint.
 */
@Document("orders")
@CompoundIndex(name = "customer_createdAt", def = "{'customerId': 1, 'createdAt': -1}")
@CompoundIndex(name = "status_createdAt", def = "{'orderStatus': 1, 'createdAt': -1}")
@CompoundIndex(name = "createdAt_desc", def = "{'createdAt': -1, '_id': -1}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(@Id String orderId, String customerId, String productId, int quantity, String paymentMethod,
		Long unitPrice, Long amount, OrderStatus orderStatus, String failureReason, String paymentId,
		String transactionId, String cancellationReason, Instant cancelledAt, @JsonIgnore Instant chargeDeadline,
		Instant createdAt, Instant updatedAt, @JsonIgnore List<FollowUp> followUps, @JsonIgnore Instant claimedUntil,
		@JsonIgnore List<TimelineEntry> timeline,
		// The recovery job's attempts at an order it could not drive to an end, when it tries next, and whether it
		// gave up and left the order to an operator (listed by GET /api/v1/orders/needs-attention).
		@JsonIgnore Integer recoveryAttempts, @JsonIgnore Instant nextAttemptAt,
		@Indexed(name = "needsAttention", sparse = true) Boolean needsAttention,
		// When the recovery job is next to look at the order: the latest of its last move + the recovery time-out,
		// its claim and its back-off. Only an order the job has something to do for has one, so the job's one
		// query, recoverAt <= now, is served by this index alone on every store (OrderUpdatesImpl keeps it).
		@JsonIgnore @Indexed(name = "recoverAt", sparse = true) Instant recoverAt) {

	/**
	 * A new order, stored before any other service is asked for anything; should its flow stop, the recovery job
	 * takes it up once {@code recoveryTimeout} has passed.
	 */
	static Order place(String orderId, NewOrder request, Duration recoveryTimeout) {
		TimelineEntry created = TimelineEntry.of(TimelineEntry.CREATED, OrderStatus.pending, null);
		return new Order(orderId, request.customerId(), request.productId(), request.quantity(), request.method(), null,
				null, OrderStatus.pending, null, null, null, null, null, null, created.at(), created.at(), List.of(), null,
				List.of(created), null, null, null, created.at().plus(recoveryTimeout));
	}

	/**
	 * Stock is reserved at {@code unitPrice}: processing, and the payment is requested, to be charged by
	 * {@code chargeDeadline} or not at all (payment-service refuses a charge past it, and refunds one that ends after
	 * it).
	 */
	OrderChange reserved(long unitPrice, Instant chargeDeadline) {
		long amount = amountAt(unitPrice).orElseThrow(() -> unpayableAt(unitPrice));
		return move(OrderStatus.processing, Fields.priced(unitPrice, amount, chargeDeadline), List.of(),
				TimelineEntry.of(TimelineEntry.RESERVED, this.orderStatus, this.quantity + " × " + unitPrice + " cents"),
				TimelineEntry.of(TimelineEntry.PAYMENT_REQUESTED, OrderStatus.processing, amount + " cents"));
	}

	/**
	 * What the order comes to at {@code unitPrice}: empty when that is more than any payment can be
	 * ({@link Money#MAX_CENTS}), however far over (a unit price can be large enough to overflow a long when multiplied).
	 */
	OptionalLong amountAt(long unitPrice) {
		return Money.total(unitPrice, this.quantity);
	}

	/**
	 * Why the order can't be paid at {@code unitPrice}: 400 {@code VALIDATION_ERROR} naming {@code quantity}, as
	 * product-service refuses such a reservation. It is this request, at this price, that can't be accepted, and
	 * asking for fewer may be; a 409 would say a change of state could let it through, and none can.
	 */
	ApiException unpayableAt(long unitPrice) {
		return ApiException.invalid("quantity", Money.tooLargeAt(unitPrice));
	}

	/** Paid (by the payment, or by nothing when there was nothing to pay): completed, and the stock is owed a commit. */
	OrderChange complete(String paymentId, String transactionId, String detail) {
		return move(OrderStatus.completed, Fields.paidBy(paymentId, transactionId), List.of(FollowUp.commit),
				TimelineEntry.of(TimelineEntry.PAYMENT_COMPLETED, this.orderStatus, detail),
				TimelineEntry.of(TimelineEntry.COMPLETED, OrderStatus.completed, null));
	}

	/** The payment was declined: failed, and the reserved stock is owed back. */
	OrderChange decline(String paymentId, String transactionId, String detail) {
		return move(OrderStatus.failed, Fields.failedFor(FailureReason.payment_declined, paymentId, transactionId),
				List.of(FollowUp.release), TimelineEntry.of(TimelineEntry.PAYMENT_DECLINED, OrderStatus.failed, detail));
	}

	/**
	 * Failed for {@code reason} with stock that may be held for it: the stock is owed back, and once the payment was
	 * requested, a refund of any charge that completes for it all the same (a charge answered late, or never).
	 */
	OrderChange fail(FailureReason reason, String detail) {
		return failed(reason, detail, (this.orderStatus == OrderStatus.processing)
				? List.of(FollowUp.release, FollowUp.refund) : List.of(FollowUp.release));
	}

	/** Failed for {@code reason} before any stock could have been reserved for it: nothing is owed. */
	OrderChange failBeforeReserving(FailureReason reason, String detail) {
		return failed(reason, detail, List.of());
	}

	/**
	 * Cancelled while open: its stock is owed back, and any payment that completes for it a refund.
	 * @throws ApiException 409 {@code INVALID_STATE} when the order is already final
	 */
	OrderChange cancel(String reason, Instant at) {
		if (!this.orderStatus.isOpen()) {
			throw notCancellable();
		}
		return OrderChange.move(this.orderId, OrderStatus.OPEN, OrderStatus.cancelled, Fields.cancelledFor(reason, at),
				List.of(FollowUp.release, FollowUp.refund),
				TimelineEntry.of(TimelineEntry.CANCELLED, OrderStatus.cancelled, reason));
	}

	/**
	 * A refund of the completed order begins: refunding, and when {@code restock}, the stock it bought is owed back (a
	 * follow-up, done once the payment is refunded). Guarded by completed, so of two refunds only one proceeds, and the
	 * order never reads completed again.
	 * @throws ApiException 409 {@code INVALID_STATE} when the order is not completed
	 */
	OrderChange refunding(boolean restock, String detail) {
		if (this.orderStatus != OrderStatus.completed) {
			throw notRefundable();
		}
		return move(OrderStatus.refunding, Fields.NONE, restock ? List.of(FollowUp.restock) : List.of(),
				TimelineEntry.of(TimelineEntry.REFUND_REQUESTED, OrderStatus.refunding, detail));
	}

	/** Its payment is refunded (or nothing was paid): refunded. */
	OrderChange refunded(String detail) {
		return move(OrderStatus.refunded, Fields.NONE, List.of(),
				TimelineEntry.of(TimelineEntry.REFUNDED, OrderStatus.refunded, detail));
	}

	/**
	 * Why a completed payment said to be this order's is not the charge the order asked for — it names another order or
	 * customer, or another amount (made for the order's id by someone else) — or empty when it is. Such a payment never
	 * completes the order.
	 */
	Optional<String> mismatchOf(String paymentOrderId, String paymentCustomerId, long paymentAmount) {
		List<String> differences = new ArrayList<>();
		if (!this.orderId.equals(paymentOrderId)) {
			differences.add("it is for order " + paymentOrderId);
		}
		if (!Objects.equals(this.customerId, paymentCustomerId)) {
			differences.add("customer " + paymentCustomerId + " paid, not " + this.customerId);
		}
		if (this.amount == null || this.amount != paymentAmount) {
			differences.add(paymentAmount + " cents paid, the order is for " + this.amount);
		}
		return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
	}

	/**
	 * A step of a flow that lost the order to a cancel or to the recovery job did something that is now the flow's to
	 * undo ({@code followUp}); the fields record what it did (the payment that completed after all).
	 */
	OrderChange owe(FollowUp followUp, Fields fields, String detail) {
		return OrderChange.keepingStatus(this.orderId, this.updatedAt, fields, List.of(followUp), List.of(),
				TimelineEntry.of(TimelineEntry.COMPENSATION_OWED, this.orderStatus, detail));
	}

	/** The follow-up is done (or can never be done): it leaves the order, and the timeline says how it ended. */
	OrderChange settle(FollowUp followUp, String event, String detail) {
		return OrderChange.keepingStatus(this.orderId, this.updatedAt, Fields.NONE, List.of(), List.of(followUp),
				TimelineEntry.of(event, this.orderStatus, detail));
	}

	/** A timeline line and nothing else. */
	OrderChange note(String event, String detail) {
		return OrderChange.keepingStatus(this.orderId, this.updatedAt, Fields.NONE, List.of(), List.of(),
				TimelineEntry.of(event, this.orderStatus, detail));
	}

	List<FollowUp> owed() {
		return (this.followUps != null) ? this.followUps : List.of();
	}

	/** Whether the recovery job still has something to do here: the order is unfinished, or owes a follow-up. */
	boolean unsettled() {
		return this.orderStatus.isUnfinished() || !owed().isEmpty();
	}

	/** Whether the recovery job is to look at it again: it is unsettled, and not left to an operator. */
	boolean recoverable() {
		return unsettled() && !Boolean.TRUE.equals(this.needsAttention);
	}

	/** Failed before anything was reserved or charged for it (a service was down): a repeat may run afresh. */
	boolean failedWithoutEffect() {
		return this.orderStatus == OrderStatus.failed && owed().isEmpty()
				&& FailureReason.service_unavailable.name().equals(this.failureReason);
	}

	int attempts() {
		return (this.recoveryAttempts != null) ? this.recoveryAttempts : 0;
	}

	ApiException notCancellable() {
		return new ApiException(ErrorCode.INVALID_STATE, "Order " + this.orderId + " is " + this.orderStatus
				+ "; only pending or processing orders can be cancelled", Map.of("orderStatus", this.orderStatus));
	}

	ApiException notRefundable() {
		return new ApiException(ErrorCode.INVALID_STATE, "Order " + this.orderId + " is " + this.orderStatus
				+ "; only completed orders can be refunded", Map.of("orderStatus", this.orderStatus));
	}

	private OrderChange failed(FailureReason reason, String detail, List<FollowUp> owed) {
		return move(OrderStatus.failed, Fields.failedFor(reason, null, null), owed,
				TimelineEntry.of(TimelineEntry.FAILED, OrderStatus.failed, reason + ": " + detail));
	}

	/** A move from the status this copy is in: whoever moved the order on since makes the write miss. */
	private OrderChange move(OrderStatus to, Fields fields, List<FollowUp> owed, TimelineEntry... entries) {
		return OrderChange.move(this.orderId, Set.of(this.orderStatus), to, fields, owed, entries);
	}

}
