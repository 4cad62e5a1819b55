package com.ecommerce.payment;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
class PaymentController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final Payments payments;

	private final QueueStatus queueStatus;

	PaymentController(Payments payments, QueueStatus queueStatus) {
		this.payments = payments;
		this.queueStatus = queueStatus;
	}

	/** 201 with the completed payment, or 402 with the declined one; a repeat of a key answers the same again. */
	@PostMapping("/process")
	ResponseEntity<String> process(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String headerKey,
			@Valid @RequestBody PaymentRequest request) {
		Payments.Answer answer = this.payments.process(request, keyOf(headerKey, request));
		var response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
		if (answer.status() == HttpStatus.CREATED.value()) {
			response.location(URI.create("/api/v1/payments/" + answer.paymentId()));
		}
		if (answer.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(answer.body());
	}

	@PostMapping("/{paymentId}/refund")
	ApiResponse<Payment> refund(@PathVariable @ResourceId String paymentId) {
		return ApiResponse.of(this.payments.refund(paymentId));
	}

	@GetMapping("/queue/status")
	ApiResponse<QueueStatus.View> queueStatus() {
		return ApiResponse.of(this.queueStatus.current());
	}

	@GetMapping("/order/{orderId}")
	ApiResponse<List<Payment>> byOrder(@PathVariable @ResourceId String orderId) {
		return ApiResponse.of(this.payments.byOrder(orderId));
	}

	/** A {@code pay_…} or a {@code txn_…} id. */
	@GetMapping("/{paymentId}")
	ApiResponse<Payment> get(@PathVariable @ResourceId String paymentId) {
		return ApiResponse.of(this.payments.get(paymentId));
	}

	@GetMapping
	ApiResponse<List<Payment>> list(@Valid PageQuery paging, @Valid PaymentFilter filter) {
		return ApiResponse.page(this.payments.list(filter, paging), this.payments.count(filter), paging);
	}

	/** The header wins over the body's key; without either the order id is the key (one charge per order). */
	private static String keyOf(String headerKey, PaymentRequest request) {
		if (headerKey != null) {
			if (headerKey.isEmpty() || headerKey.length() > PaymentRequest.MAX_KEY_LENGTH) {
				throw ApiException.invalid(IDEMPOTENCY_KEY,
						"must be 1 to " + PaymentRequest.MAX_KEY_LENGTH + " characters");
			}
			return headerKey;
		}
		return (request.idempotencyKey() != null) ? request.idempotencyKey() : request.orderId();
	}

}
