package com.ecommerce.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.idempotency.Idempotent;
import com.ecommerce.shared.idempotency.IdempotentRequests;
import com.ecommerce.shared.idempotency.KeyBinding;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.RequestIds;

/**
 * Processes, refunds and finds payments. A payment request runs once per idempotency key: the payment it made,
 * completed or declined, is every repeat's answer, without charging or publishing again.
 */
@Service
class PaymentService {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	/** The idempotency keys' scope: payment-service's keys are its own. */
	static final String IDEMPOTENCY_SCOPE = "payment";

	private final PaymentRepository paymentRepository;

	private final IdempotentRequests idempotentRequests;

	private final PaymentGateway gateway;

	private final OutboxRelay relay;

	private final OutboxTraces traces;

	PaymentService(PaymentRepository paymentRepository, IdempotentRequests idempotentRequests, PaymentGateway gateway,
			OutboxRelay relay, OutboxTraces traces) {
		this.paymentRepository = paymentRepository;
		this.idempotentRequests = idempotentRequests;
		this.gateway = gateway;
		this.relay = relay;
		this.traces = traces;
	}

	/**
	 * Charges once per idempotency key ({@code key}: header, else body, else the order id). The charge itself may
	 * find it is a replay too (a payment made under this key whose answer was lost), so it says so in its result.
	 */
	Idempotent<Payment> process(PaymentRequest request, String key) {
		Idempotent<Idempotent<Payment>> processed = this.idempotentRequests.run(IDEMPOTENCY_SCOPE, key, request.fingerprint(),
				(binding) -> charge(request, key, binding), (paymentId) -> new Idempotent<>(get(paymentId), true));
		return processed.value();
	}

	private Idempotent<Payment> charge(PaymentRequest request, String key, KeyBinding binding) {
		if (request.deadline() != null && Times.now().isAfter(request.deadline())) {
			// Whoever asked has given up by now, or is about to: charging would take money for nothing.
			throw new ApiException(ErrorCode.CONFLICT,
					"The charge's deadline " + request.deadline() + " has passed; nothing was charged",
					Map.of("deadline", request.deadline().toString()));
		}
		PaymentGateway.Decision decision = this.gateway.charge(request.method(), request.amount());
		Payment payment = Payment.charged(request, key, decision, Ids.payment(), Ids.transaction(),
				RequestIds.current(), this.traces.current(), Times.now());
		try {
			this.paymentRepository.insert(payment);
		}
		catch (DuplicateKeyException ex) {
			// The order already has a completed payment; the unique index refused ours.
			Payment existing = this.paymentRepository.findByCompletedOrderId(request.orderId()).orElse(null);
			if (existing != null && key.equals(existing.idempotencyKey()) && existing.amount() == request.amount()) {
				// Made under this very key by a request whose answer was lost (it failed after its insert, or died
				// holding the key): that payment is this request's answer.
				binding.bind(existing.paymentId());
				return new Idempotent<>(existing, true);
			}
			throw new ApiException(ErrorCode.CONFLICT, "Order " + request.orderId() + " already has a completed payment",
					(existing != null) ? Map.of("paymentId", existing.paymentId()) : null);
		}
		binding.bind(payment.paymentId());
		this.relay.publishSoon(payment);
		if (payment.status() == Payment.Status.completed && request.deadline() != null
				&& Times.now().isAfter(request.deadline())) {
			// The charge ended after the caller's deadline: the order may have given up on it, so the money goes
			// back at once rather than waiting for someone to notice.
			log.warn("Payment {} for order {} completed after its deadline {}; refunding it", payment.paymentId(),
					payment.orderId(), request.deadline());
			return new Idempotent<>(refund(payment.paymentId()), false);
		}
		return new Idempotent<>(payment, false);
	}

	/** Completed → refunded, once; a refunded payment is answered as it is. */
	Payment refund(String paymentId) {
		for (int attempt = 0; attempt < 3; attempt++) {
			Payment payment = get(paymentId);
			switch (payment.status()) {
				case refunded -> {
					return payment;
				}
				case failed -> throw new ApiException(ErrorCode.INVALID_STATE,
						"Payment " + payment.paymentId() + " failed; there is nothing to refund");
				case completed -> {
					Instant now = Times.now();
					var refunded = this.paymentRepository.refund(payment, payment.refundEvent(RequestIds.current(),
							this.traces.current(), now), now);
					if (refunded.isPresent()) {
						this.relay.publishSoon(refunded.get());
						return refunded.get();
					}
					// A concurrent refund got there first: read again and answer what it left.
				}
			}
		}
		throw ApiException.conflict("Payment " + paymentId + " is changing too fast; retry");
	}

	/** By payment id, or by transaction id ({@code txn_…}). */
	Payment get(String id) {
		var found = id.startsWith("txn_") ? this.paymentRepository.findByTransactionId(id) : this.paymentRepository.findById(id);
		return found.orElseThrow(() -> ApiException.notFound("Payment", id));
	}

	List<Payment> byOrder(String orderId) {
		return this.paymentRepository.find(new PaymentFilter(null, orderId, null), PageQuery.of(1, 100)).getContent();
	}

	Page<Payment> list(PaymentFilter filter, PageQuery paging) {
		return this.paymentRepository.find(filter, paging);
	}

}
