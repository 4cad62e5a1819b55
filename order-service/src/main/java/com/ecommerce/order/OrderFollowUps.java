package com.ecommerce.order;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.ecommerce.order.client.PaymentClient;
import com.ecommerce.order.client.ProductClient;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.DownstreamException;
import com.ecommerce.shared.http.ServiceUnavailableException;

/**
 * Does what an order owes other services after its status changed: commit its reservation, release it, refund its
 * payment, restock what it bought. A follow-up leaves the order only once done; one that can't be done now (a service
 * is down) stays, and the recovery job tries it again. All of them are idempotent on the other side, so doing one
 * twice is harmless.
 */
@Component
class OrderFollowUps {

	private static final Logger log = LoggerFactory.getLogger(OrderFollowUps.class);

	private final OrderRepository orderRepository;

	private final ProductClient productClient;

	private final PaymentClient paymentClient;

	private final Duration paymentSettleTime;

	private final SagaSpans spans;

	OrderFollowUps(OrderRepository orderRepository, ProductClient productClient, PaymentClient paymentClient,
			SagaSpans spans, OrderProperties properties) {
		this.orderRepository = orderRepository;
		this.spans = spans;
		this.productClient = productClient;
		this.paymentClient = paymentClient;
		this.paymentSettleTime = properties.recovery().timeout();
	}

	/**
	 * Does every follow-up the order owes; one that can't be done now stays owed for the recovery job. Returns true
	 * when one failed by itself, its service up but answering it with an error (a 500): asking again may never help,
	 * and the recovery job counts that towards an operator's attention. An outage (a service or this service's store
	 * down) only makes the order wait.
	 */
	boolean perform(Order order) {
		boolean failing = false;
		// A restock gives back what was sold: product-service refuses it before the reservation is committed.
		boolean commitOwed = order.owed().contains(FollowUp.commit);
		for (FollowUp followUp : order.owed()) {
			try {
				switch (followUp) {
					case commit -> {
						this.spans.step(SagaSpans.COMMIT, order, () -> commit(order));
						commitOwed = false;
					}
					case release -> this.spans.step(SagaSpans.RELEASE, order, () -> release(order));
					case refund -> refund(order);
					case restock -> {
						if (!commitOwed) {
							restock(order);
						}
					}
				}
			}
			catch (ServiceUnavailableException ex) {
				failing |= !ex.outage();
				log.warn("Order {} still owes {}; the recovery job retries it: {}", order.orderId(), followUp,
						ex.getMessage());
			}
			catch (DataAccessException ex) {
				log.warn("Order {} still owes {}; the recovery job retries it once MongoDB is back: {}",
						order.orderId(), followUp, ex.getMessage());
			}
			catch (DownstreamException ex) {
				if (ex.code() == ErrorCode.CONFLICT) {
					// "Changing too fast; retry" (a reservation or payment under contention): asked again, it passes.
					log.warn("Order {}: {} met a conflict; the recovery job retries it: {}", order.orderId(), followUp,
							ex.getMessage());
					continue;
				}
				// A refusal won't change when asked again: record it for an operator and stop asking.
				log.error("Order {}: {} was refused: {}", order.orderId(), followUp, ex.getMessage());
				this.orderRepository.apply(order.settle(followUp, TimelineEntry.FOLLOW_UP_FAILED,
						followUp + " refused: " + ex.getMessage()));
			}
		}
		return failing;
	}

	private void commit(Order order) {
		this.productClient.commit(order.productId(), new ProductClient.StockRequest(order.orderId(), null));
		this.orderRepository
			.apply(order.settle(FollowUp.commit, TimelineEntry.COMMITTED, "reservation turned into a sale"));
	}

	private void release(Order order) {
		String detail = "reserved stock given back";
		try {
			this.productClient.release(order.productId(),
					new ProductClient.StockRequest(order.orderId(), order.quantity()));
		}
		catch (DownstreamException ex) {
			if (ex.code() != ErrorCode.NOT_FOUND) {
				throw ex;
			}
			// No reservation for this order (it never got one, or the product was deleted): nothing to give back.
			detail = "nothing was reserved";
		}
		this.orderRepository.apply(order.settle(FollowUp.release, TimelineEntry.RELEASED, detail));
	}

	/** Gives the stock the refunded order bought back, once per order at product-service. */
	private void restock(Order order) {
		this.productClient.restock(order.productId(),
				new ProductClient.StockRequest(order.orderId(), order.quantity()));
		this.orderRepository.apply(order.settle(FollowUp.restock, TimelineEntry.RESTOCKED,
				order.quantity() + " given back to stock"));
	}

	/**
	 * Refunds every completed payment of the order. A charge may still be on its way when the order is cancelled, so
	 * the follow-up stays until the order has been final for the recovery time-out, after which no charge can arrive;
	 * the recovery job looks once more then.
	 */
	private void refund(Order order) {
		for (PaymentClient.Payment payment : this.paymentClient.forOrder(order.orderId())) {
			if (payment.completed()) {
				this.paymentClient.refund(payment.paymentId());
				this.orderRepository
					.apply(order.note(TimelineEntry.REFUNDED, "payment " + payment.paymentId() + " refunded"));
			}
		}
		if (order.updatedAt().plus(this.paymentSettleTime).isBefore(Times.now())) {
			this.orderRepository.apply(order.settle(FollowUp.refund, TimelineEntry.REFUNDED,
					"no completed payment left for this order"));
		}
	}

}
