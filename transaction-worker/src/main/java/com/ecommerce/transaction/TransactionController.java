package com.ecommerce.transaction;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

/** The read-only transaction history. */
@RestController
@RequestMapping("/api/v1/transactions")
@Tag(name = "Transactions")
class TransactionController {

	private static final Set<String> STATUSES = Set.of("completed", "failed", "refunded");

	private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '_' or '-'";

	private final TransactionHistories histories;

	TransactionController(TransactionHistories histories) {
		this.histories = histories;
	}

	/** Newest first by event time; each filter is optional. */
	@GetMapping
	ApiResponse<List<TransactionHistory>> list(@Valid PageQuery paging,
			@RequestParam(required = false) @Pattern(regexp = ResourceId.PATTERN, message = ID_MESSAGE) String orderId,
			@RequestParam(required = false) @Pattern(regexp = ResourceId.PATTERN,
					message = ID_MESSAGE) String customerId,
			@RequestParam(required = false) String status) {
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.invalid("status", "must be one of completed, failed, refunded");
		}
		TransactionFilter filter = new TransactionFilter(orderId, customerId, status);
		return ApiResponse.page(this.histories.find(filter, paging), this.histories.count(filter), paging);
	}

	@GetMapping("/{transactionId}")
	ApiResponse<TransactionHistory> get(@PathVariable @ResourceId String transactionId) {
		return ApiResponse.of(this.histories.findById(transactionId)
			.orElseThrow(() -> ApiException.notFound("Transaction", transactionId)));
	}

}
