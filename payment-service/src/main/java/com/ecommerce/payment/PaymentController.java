package com.ecommerce.payment;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ErrorBody;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.idempotency.Idempotent;
import com.ecommerce.shared.idempotency.IdempotencyHeaders;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.RequestIds;
import com.ecommerce.shared.web.ResourceId;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
record PaymentController(PaymentService paymentService, QueueStatus queue, JsonMapper json) {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	/**
	 * 201 with the completed payment, or 402 {@code PAYMENT_DECLINED} with the declined one in {@code details}; a
	 * repeat of a key answers the same again, with {@code Idempotent-Replayed: true}.
	 */
	@PostMapping("/process")
	ResponseEntity<?> process(@RequestHeader(name = IdempotencyHeaders.KEY, required = false) String headerKey,
			@Valid @RequestBody PaymentRequest request) {
		Idempotent<Payment> processed = this.paymentService.process(request, keyOf(headerKey, request));
		Payment payment = processed.value();
		boolean declined = payment.status() == Payment.Status.failed;
		ResponseEntity.BodyBuilder response = declined ? ResponseEntity.status(ErrorCode.PAYMENT_DECLINED.status())
				: ResponseEntity.created(URI.create("/api/v1/payments/" + payment.paymentId()));
		if (processed.replayed()) {
			response.header(IdempotencyHeaders.REPLAYED, "true");
		}
		if (declined) {
			return response.body(ErrorBody.of(ErrorCode.PAYMENT_DECLINED, "Payment declined", RequestIds.current(),
					this.json.convertValue(payment, FIELDS)));
		}
		return response.body(ApiResponse.of(payment));
	}

	@PostMapping("/{paymentId}/refund")
	ApiResponse<Payment> refund(@PathVariable @ResourceId String paymentId) {
		return ApiResponse.of(this.paymentService.refund(paymentId));
	}

	@GetMapping("/queue/status")
	ApiResponse<QueueStatus.View> queueStatus() {
		return ApiResponse.of(this.queue.current());
	}

	@GetMapping("/order/{orderId}")
	ApiResponse<List<Payment>> byOrder(@PathVariable @ResourceId String orderId) {
		return ApiResponse.of(this.paymentService.byOrder(orderId));
	}

	/** A {@code pay_…} or a {@code txn_…} id. */
	@GetMapping("/{paymentId}")
	ApiResponse<Payment> get(@PathVariable @ResourceId String paymentId) {
		return ApiResponse.of(this.paymentService.get(paymentId));
	}

	@GetMapping
	ApiResponse<List<Payment>> list(@Valid PageQuery paging, @Valid PaymentFilter filter) {
		return ApiResponse.page(this.paymentService.list(filter, paging), paging);
	}

	/** The header wins over the body's key; without either the order id is the key (one charge per order). */
	private static String keyOf(String headerKey, PaymentRequest request) {
		String key = IdempotencyHeaders.validated(headerKey);
		if (key != null) {
			return key;
		}
		return (request.idempotencyKey() != null) ? request.idempotencyKey() : request.orderId();
	}

}
