package com.ecommerce.order;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.idempotency.IdempotencyHeaders;
import com.ecommerce.shared.idempotency.Idempotent;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
record OrderController(OrderService orderService) {

	/**
	 * Runs the whole order flow before answering: 201 with the order completed or failed (with its reason). 202 with
	 * the order processing in the rare case that payment-service's answer was lost: the recovery job settles it
	 * within its time-out. A repeat with the same {@code Idempotency-Key} answers 200 with the same order.
	 */
	@PostMapping
	ResponseEntity<ApiResponse<Order>> create(
			@RequestHeader(name = IdempotencyHeaders.KEY, required = false) String key,
			@Valid @RequestBody NewOrder request) {
		Idempotent<Order> placed = this.orderService.place(request, IdempotencyHeaders.validated(key));
		Order order = placed.value();
		HttpStatus status = placed.replayed() ? HttpStatus.OK
				: order.orderStatus().isOpen() ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
		var response = ResponseEntity.status(status).location(URI.create("/api/v1/orders/" + order.orderId()));
		if (placed.replayed()) {
			response.header(IdempotencyHeaders.REPLAYED, "true");
		}
		return response.body(ApiResponse.of(order));
	}

	@GetMapping("/{orderId}")
	ApiResponse<Order> get(@PathVariable @ResourceId String orderId) {
		return ApiResponse.of(this.orderService.get(orderId));
	}

	/** What happened to the order, step by step: what an operator reads first. */
	@GetMapping("/{orderId}/timeline")
	ApiResponse<List<TimelineEntry>> timeline(@PathVariable @ResourceId String orderId) {
		return ApiResponse.of(this.orderService.timeline(orderId));
	}

	@GetMapping
	ApiResponse<List<Order>> list(@Valid PageQuery paging, @Valid OrderFilter filter) {
		return ApiResponse.page(this.orderService.list(filter, paging), paging);
	}

	/** Orders the recovery job gave up on (it tried {@code order.recovery.max-attempts} times): an operator's list. */
	@GetMapping("/needs-attention")
	ApiResponse<List<Order>> needingAttention(@Valid PageQuery paging) {
		return ApiResponse.page(this.orderService.needingAttention(paging), paging);
	}

	/** After an operator fixed the cause: the recovery job takes the order up again at its next pass. */
	@PostMapping("/{orderId}/recover")
	ApiResponse<Order> recoverAgain(@PathVariable @ResourceId String orderId) {
		return ApiResponse.of(this.orderService.recoverAgain(orderId));
	}

	@GetMapping("/customer/{customerId}")
	ApiResponse<List<Order>> byCustomer(@PathVariable @ResourceId String customerId, @Valid PageQuery paging,
			@Valid OrderFilter filter) {
		return list(paging, new OrderFilter(customerId, filter.status()));
	}

	/**
	 * Staff: refunds a completed order through payment-service; its stock goes back only with {@code "restock": true}.
	 * 200 with the order refunded, also for an order refunded before (never twice); 202 with it refunding when the
	 * refund can't be finished now (the recovery job finishes it) or was refused ({@code needsAttention}). 409
	 * {@code INVALID_STATE} for an order that is not completed.
	 */
	@PostMapping("/{orderId}/refund")
	ResponseEntity<ApiResponse<Order>> refund(
			@RequestHeader(name = IdempotencyHeaders.KEY, required = false) String key,
			@PathVariable @ResourceId String orderId, @Valid @RequestBody(required = false) RefundRequest request,
			Principal caller) {
		boolean restock = (request != null) && request.restockOrDefault();
		Idempotent<Order> refunded = this.orderService.refund(orderId, restock,
				(caller != null) ? caller.getName() : null, IdempotencyHeaders.validated(key));
		HttpStatus status = (refunded.value().orderStatus() == OrderStatus.refunding) ? HttpStatus.ACCEPTED
				: HttpStatus.OK;
		var response = ResponseEntity.status(status);
		if (refunded.replayed()) {
			response.header(IdempotencyHeaders.REPLAYED, "true");
		}
		return response.body(ApiResponse.of(refunded.value()));
	}

	/** Cancels a pending or processing order: 200 cancelled, its stock released and any payment refunded. */
	@PostMapping("/{orderId}/cancel")
	ApiResponse<Order> cancel(@PathVariable @ResourceId String orderId,
			@Valid @RequestBody(required = false) CancelRequest request) {
		String reason = (request != null) ? request.reasonOrDefault() : CancelRequest.DEFAULT_REASON;
		return ApiResponse.of(this.orderService.cancel(orderId, reason));
	}

}
