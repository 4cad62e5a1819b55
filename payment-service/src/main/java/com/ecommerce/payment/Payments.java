package com.ecommerce.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorBody;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.RequestIds;

/**
 * Processes, refunds and finds payments. A processed request's answer is stored with its idempotency key exactly as
 * it was sent (status and JSON), so a repeat gets the same bytes without charging or publishing again.
 */
@Service
class Payments {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final PaymentRepository payments;

	private final IdempotencyKeys keys;

	private final PaymentGateway gateway;

	private final OutboxRelay relay;

	private final JsonMapper json;

	Payments(PaymentRepository payments, IdempotencyKeys keys, PaymentGateway gateway, OutboxRelay relay,
			JsonMapper json) {
		this.payments = payments;
		this.keys = keys;
		this.gateway = gateway;
		this.relay = relay;
		this.json = json;
	}

	/** Charges once per idempotency key ({@code key}: header, else body, else the order id). */
	Answer process(PaymentRequest request, String key) {
		IdempotencyKeys.Claim claim = this.keys.claim(key, request.fingerprint());
		if (claim.isReplay()) {
			IdempotencyKey finished = claim.finished();
			return new Answer(finished.statusCode(), finished.paymentId(), finished.body(), true);
		}
		Answer answer;
		try {
			answer = charge(request, key);
			this.keys.finish(key, claim, answer.status(), answer.paymentId(), answer.body());
		}
		catch (RuntimeException ex) {
			this.keys.release(key, claim);
			throw ex;
		}
		return answer;
	}

	private Answer charge(PaymentRequest request, String key) {
		PaymentGateway.Decision decision = this.gateway.charge(request.method(), request.amount());
		Payment payment = Payment.charged(request, key, decision, Ids.payment(), Ids.transaction(),
				RequestIds.current(), Times.now());
		try {
			this.payments.insert(payment);
		}
		catch (DuplicateKeyException ex) {
			// The order already has a completed payment; the unique index refused ours.
			Payment existing = this.payments.findCompleted(request.orderId()).orElse(null);
			if (existing != null && key.equals(existing.idempotencyKey()) && existing.amount() == request.amount()) {
				// Made under this very key by a request whose answer was lost (it failed after its insert, or died
				// holding the key): that payment is this request's answer.
				return new Answer(HttpStatus.CREATED.value(), existing.paymentId(),
						this.json.writeValueAsString(ApiResponse.of(existing)), true);
			}
			throw new ApiException(ErrorCode.CONFLICT, "Order " + request.orderId() + " already has a completed payment",
					(existing != null) ? Map.of("paymentId", existing.paymentId()) : null);
		}
		this.relay.publishSoon(payment);
		if (payment.status() == Payment.Status.completed) {
			return new Answer(HttpStatus.CREATED.value(), payment.paymentId(),
					this.json.writeValueAsString(ApiResponse.of(payment)), false);
		}
		ErrorBody declined = ErrorBody.of(ErrorCode.PAYMENT_DECLINED, "Payment declined", RequestIds.current(),
				this.json.convertValue(payment, MAP));
		return new Answer(ErrorCode.PAYMENT_DECLINED.status().value(), payment.paymentId(),
				this.json.writeValueAsString(declined), false);
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
					var refunded = this.payments.refund(payment, payment.refundEvent(RequestIds.current(), now), now);
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
		var found = id.startsWith("txn_") ? this.payments.findByTransactionId(id) : this.payments.findById(id);
		return found.orElseThrow(() -> ApiException.notFound("Payment", id));
	}

	List<Payment> byOrder(String orderId) {
		return this.payments.find(new PaymentFilter(null, orderId, null), PageQuery.of(1, 100));
	}

	List<Payment> list(PaymentFilter filter, PageQuery paging) {
		return this.payments.find(filter, paging);
	}

	long count(PaymentFilter filter) {
		return this.payments.count(filter);
	}

	/** An answer to a process request, as first sent or replayed. */
	record Answer(int status, String paymentId, String body, boolean replayed) {
	}

}
