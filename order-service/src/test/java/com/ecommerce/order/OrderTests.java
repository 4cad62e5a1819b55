package com.ecommerce.order;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.ecommerce.order.OrderChange.Fields;
import com.ecommerce.shared.Money;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order's state machine: every move, what it owes and what it writes. Plain JUnit, no Spring, no store. */
class OrderTests {

	private static final NewOrder REQUEST = new NewOrder("cust_1", "prod_1", 3, null);

	private static final Instant DEADLINE = Instant.parse("2026-01-01T12:00:30Z");

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

	@Test
	void aPlacedOrderIsPendingWithItsCreationInTheTimeline() {
		Order order = Order.place("ord_1", REQUEST, RECOVERY_TIMEOUT);

		assertThat(order.orderStatus()).isEqualTo(OrderStatus.pending);
		assertThat(order.paymentMethod()).isEqualTo("credit_card");
		assertThat(order.owed()).isEmpty();
		assertThat(order.timeline()).extracting(TimelineEntry::event).containsExactly(TimelineEntry.CREATED);
		assertThat(order.createdAt()).isEqualTo(order.updatedAt()).isEqualTo(order.timeline().getFirst().at());
		assertThat(order.recoverAt()).isEqualTo(order.createdAt().plus(RECOVERY_TIMEOUT));
	}

	@Test
	void reservingPricesThePendingOrderAndRequestsThePaymentByADeadline() {
		OrderChange change = in(OrderStatus.pending).reserved(1000, DEADLINE);

		assertMove(change, Set.of(OrderStatus.pending), OrderStatus.processing);
		assertThat(change.fields()).isEqualTo(Fields.priced(1000, 3000, DEADLINE));
		assertThat(change.owed()).isEmpty();
		assertThat(change.entries()).extracting(TimelineEntry::event)
			.containsExactly(TimelineEntry.RESERVED, TimelineEntry.PAYMENT_REQUESTED);
		assertThat(change.entries()).extracting(TimelineEntry::status)
			.containsExactly(OrderStatus.pending, OrderStatus.processing);
	}

	/** REQUEST is for 3: at a third of the largest payment it is payable, a cent a unit more and it is not. */
	@Test
	void anOrderIsPayableUpToTheLargestPaymentWithoutOverflowing() {
		Order order = in(OrderStatus.pending);
		assertThat(order.amountAt(1000)).hasValue(3000);
		assertThat(order.amountAt(Money.MAX_CENTS / 3)).hasValue(Money.MAX_CENTS / 3 * 3);
		assertThat(order.amountAt(Money.MAX_CENTS / 3 + 1)).isEmpty();
		assertThat(order.amountAt(Long.MAX_VALUE / 2)).isEmpty();
	}

	@Test
	void reservingAtAPriceNoPaymentCanBeIsAValidationErrorNamingTheQuantity() {
		assertThatThrownBy(() -> in(OrderStatus.pending).reserved(9_000_000_000_000_000_000L, DEADLINE))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
				assertThat(ex.details().toString()).contains("quantity");
			});
	}

	@Test
	void completingOwesTheReservationACommit() {
		OrderChange change = in(OrderStatus.processing).complete("pay_1", "txn_1", "payment pay_1");

		assertMove(change, Set.of(OrderStatus.processing), OrderStatus.completed);
		assertThat(change.fields()).isEqualTo(Fields.paidBy("pay_1", "txn_1"));
		assertThat(change.owed()).containsExactly(FollowUp.commit);
		assertThat(change.entries()).extracting(TimelineEntry::event)
			.containsExactly(TimelineEntry.PAYMENT_COMPLETED, TimelineEntry.COMPLETED);
	}

	@Test
	void aDeclineFailsTheOrderAndOwesTheStockBack() {
		OrderChange change = in(OrderStatus.processing).decline("pay_1", "txn_1", "declined");

		assertMove(change, Set.of(OrderStatus.processing), OrderStatus.failed);
		assertThat(change.fields()).isEqualTo(Fields.failedFor(FailureReason.payment_declined, "pay_1", "txn_1"));
		assertThat(change.owed()).containsExactly(FollowUp.release);
		assertThat(change.entries()).extracting(TimelineEntry::event).containsExactly(TimelineEntry.PAYMENT_DECLINED);
	}

	@Test
	void failingBeforeThePaymentWasRequestedOwesBackStockThatMayBeHeld() {
		OrderChange change = in(OrderStatus.pending).fail(FailureReason.service_unavailable, "product-service down");

		assertMove(change, Set.of(OrderStatus.pending), OrderStatus.failed);
		assertThat(change.fields().failureReason()).isEqualTo("service_unavailable");
		assertThat(change.owed()).containsExactly(FollowUp.release);
		assertThat(change.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).isEqualTo("service_unavailable: product-service down"));
	}

	/** A charge requested may still complete (answered late, or never answered): a failed order takes no money. */
	@Test
	void failingAfterThePaymentWasRequestedAlsoOwesARefundOfAnyChargeThatCompletes() {
		OrderChange change = in(OrderStatus.processing).fail(FailureReason.not_paid_in_time, "no payment");

		assertMove(change, Set.of(OrderStatus.processing), OrderStatus.failed);
		assertThat(change.owed()).containsExactly(FollowUp.release, FollowUp.refund);
	}

	@Test
	void failingBeforeAnythingWasReservedOwesNothing() {
		OrderChange change = in(OrderStatus.pending).failBeforeReserving(FailureReason.customer_not_found, "no such customer");

		assertMove(change, Set.of(OrderStatus.pending), OrderStatus.failed);
		assertThat(change.owed()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "pending", "processing" })
	void cancellingAnOpenOrderOwesTheStockBackAndARefundOfAnyPayment(OrderStatus status) {
		Instant at = Instant.parse("2026-01-01T12:00:00Z");
		OrderChange change = in(status).cancel("changed my mind", at);

		// From any open status: a cancel computed from a pending copy still wins over the flow's next step.
		assertMove(change, OrderStatus.OPEN, OrderStatus.cancelled);
		assertThat(change.fields()).isEqualTo(Fields.cancelledFor("changed my mind", at));
		assertThat(change.owed()).containsExactly(FollowUp.release, FollowUp.refund);
	}

	@ParameterizedTest
	@EnumSource(names = { "completed", "failed", "cancelled", "refunding", "refunded" })
	void aFinalOrderCannotBeCancelled(OrderStatus status) {
		assertThatThrownBy(() -> in(status).cancel("too late", Instant.now())).isInstanceOfSatisfying(ApiException.class,
				(ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_STATE);
					assertThat(ex.details()).isEqualTo(Map.of("orderStatus", status));
				});
	}

	/** Every move from every status: allowed exactly where the state machine says so. */
	@ParameterizedTest
	@MethodSource("everyMoveFromEveryStatus")
	void movesFollowTheStateMachine(OrderStatus from, String move, OrderStatus to) {
		Function<Order, OrderChange> change = MOVES.get(move);
		if (from.next().contains(to)) {
			assertThat(change.apply(in(from)).to()).isEqualTo(to);
		}
		else {
			assertThatThrownBy(() -> change.apply(in(from))).isInstanceOfAny(IllegalStateException.class,
					ApiException.class);
		}
	}

	@Test
	void onlyUnfinishedAndCompletedOrdersMoveAndNoneMovesBackToPendingOrCompleted() {
		for (OrderStatus status : OrderStatus.values()) {
			assertThat(status.next().isEmpty()).as(status.name())
				.isEqualTo(!status.isUnfinished() && status != OrderStatus.completed);
			assertThat(status.next()).doesNotContain(OrderStatus.pending, status);
			if (status.wasCompleted()) {
				assertThat(status.next()).as("a refund never goes back").doesNotContain(OrderStatus.completed);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void refundingACompletedOrderOwesItsStockBackOnlyWhenAsked(boolean restock) {
		OrderChange change = in(OrderStatus.completed).refunding(restock, "requested by staff");

		assertMove(change, Set.of(OrderStatus.completed), OrderStatus.refunding);
		assertThat(change.fields()).isEqualTo(Fields.NONE);
		assertThat(change.owed()).isEqualTo(restock ? List.of(FollowUp.restock) : List.of());
		assertThat(change.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.event()).isEqualTo(TimelineEntry.REFUND_REQUESTED);
			assertThat(entry.status()).isEqualTo(OrderStatus.refunding);
			assertThat(entry.detail()).isEqualTo("requested by staff");
		});
	}

	@Test
	void aRefundEndsRefundedAndOwesNothingMore() {
		OrderChange change = in(OrderStatus.refunding).refunded("payment pay_1 refunded");

		assertMove(change, Set.of(OrderStatus.refunding), OrderStatus.refunded);
		assertThat(change.owed()).isEmpty();
		assertThat(change.entries()).extracting(TimelineEntry::event).containsExactly(TimelineEntry.REFUNDED);
	}

	@ParameterizedTest
	@EnumSource(names = { "pending", "processing", "failed", "cancelled", "refunding", "refunded" })
	void onlyACompletedOrderCanBeRefunded(OrderStatus status) {
		assertThatThrownBy(() -> in(status).refunding(false, "too late")).isInstanceOfSatisfying(ApiException.class,
				(ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_STATE);
					assertThat(ex.details()).isEqualTo(Map.of("orderStatus", status));
				});
	}

	/** A refund left under way is the recovery job's to finish, even when it owes nothing. */
	@Test
	void aRefundUnderWayIsUnsettled() {
		assertThat(in(OrderStatus.refunding).unsettled()).isTrue();
		assertThat(in(OrderStatus.refunded).unsettled()).isFalse();
		assertThat(in(OrderStatus.completed).unsettled()).isFalse();
	}

	@Test
	void aPaymentMatchesTheOrderWhenItIsForItsIdItsCustomerAndItsAmount() {
		Order order = in(OrderStatus.processing);

		assertThat(order.mismatchOf("ord_1", "cust_1", 3000)).isEmpty();
		assertThat(order.mismatchOf("ord_1", "cust_1", 2999)).hasValueSatisfying(
				(why) -> assertThat(why).isEqualTo("2999 cents paid, the order is for 3000"));
		assertThat(order.mismatchOf("ord_1", "cust_2", 3000)).hasValueSatisfying(
				(why) -> assertThat(why).isEqualTo("customer cust_2 paid, not cust_1"));
		assertThat(order.mismatchOf("ord_1", null, 3000)).isPresent();
		assertThat(order.mismatchOf("ord_2", "cust_1", 3000)).hasValueSatisfying(
				(why) -> assertThat(why).isEqualTo("it is for order ord_2"));
		// A pending order has asked for no payment at all: any payment is someone else's.
		assertThat(Order.place("ord_1", REQUEST, RECOVERY_TIMEOUT).mismatchOf("ord_1", "cust_1", 3000)).isPresent();
	}

	@ParameterizedTest
	@EnumSource(OrderStatus.class)
	void bookkeepingLeavesTheStatusAlone(OrderStatus status) {
		Order order = in(status);

		OrderChange owe = order.owe(FollowUp.refund, Fields.paidBy("pay_1", "txn_1"), "paid after the cancel");
		OrderChange settle = order.settle(FollowUp.release, TimelineEntry.RELEASED, "stock given back");
		OrderChange note = order.note(TimelineEntry.PAYMENT_UNKNOWN, "answer lost");

		assertThat(List.of(owe, settle, note)).allSatisfy((change) -> {
			assertThat(change.movesStatus()).isFalse();
			assertThat(change.entries()).singleElement().extracting(TimelineEntry::status).isEqualTo(status);
			// The recovery time-out still runs from the order's last move.
			assertThat(change.lastMove()).isEqualTo(order.updatedAt());
		});
		assertThat(owe.owed()).containsExactly(FollowUp.refund);
		assertThat(owe.entries().getFirst().event()).isEqualTo(TimelineEntry.COMPENSATION_OWED);
		assertThat(settle.settled()).containsExactly(FollowUp.release);
		assertThat(settle.owed()).isEmpty();
		assertThat(note.owed()).isEmpty();
		assertThat(note.settled()).isEmpty();
	}

	@Test
	void aChangeIsDatedByItsLastTimelineEntry() {
		OrderChange change = in(OrderStatus.pending).reserved(10, DEADLINE);

		assertThat(change.at()).isEqualTo(change.entries().getLast().at());
		assertThat(change.lastMove()).isEqualTo(change.at());
	}

	/** The repository sets each field under its component's name: every one must be an order field of that type. */
	@Test
	void everyFieldAChangeSetsIsAnOrderField() {
		Map<String, Class<?>> orderFields = Arrays.stream(Order.class.getRecordComponents())
			.collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getType));

		assertThat(Fields.class.getRecordComponents()).allSatisfy((component) -> assertThat(orderFields)
			.containsEntry(component.getName(), component.getType()));
	}

	private static final Map<String, Function<Order, OrderChange>> MOVES = Map.of(
			"reserved", (order) -> order.reserved(100, DEADLINE),
			"complete", (order) -> order.complete("pay_1", "txn_1", "paid"),
			"decline", (order) -> order.decline("pay_1", "txn_1", "declined"),
			"fail", (order) -> order.fail(FailureReason.rejected, "why"),
			"cancel", (order) -> order.cancel("why", Instant.now()),
			"refunding", (order) -> order.refunding(true, "why"),
			"refunded", (order) -> order.refunded("why"));

	private static final Map<String, OrderStatus> TARGETS = Map.of("reserved", OrderStatus.processing, "complete",
			OrderStatus.completed, "decline", OrderStatus.failed, "fail", OrderStatus.failed, "cancel",
			OrderStatus.cancelled, "refunding", OrderStatus.refunding, "refunded", OrderStatus.refunded);

	static Stream<Arguments> everyMoveFromEveryStatus() {
		return EnumSet.allOf(OrderStatus.class)
			.stream()
			.flatMap((from) -> MOVES.keySet().stream().map((move) -> Arguments.of(from, move, TARGETS.get(move))));
	}

	private static void assertMove(OrderChange change, Set<OrderStatus> from, OrderStatus to) {
		assertThat(change.orderId()).isEqualTo("ord_1");
		assertThat(change.from()).isEqualTo(from);
		assertThat(change.to()).isEqualTo(to);
		assertThat(change.movesStatus()).isTrue();
		assertThat(change.settled()).isEmpty();
	}

	/** The placed order as a copy read in {@code status}. */
	private static Order in(OrderStatus status) {
		Order placed = Order.place("ord_1", REQUEST, RECOVERY_TIMEOUT);
		return new Order(placed.orderId(), placed.customerId(), placed.productId(), placed.quantity(),
				placed.paymentMethod(), 1000L, 3000L, status, null, null, null, null, null, null, placed.createdAt(),
				placed.updatedAt(), List.of(), null, placed.timeline(), null, null, null, placed.recoverAt());
	}

}
