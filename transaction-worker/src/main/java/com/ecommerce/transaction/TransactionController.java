package com.ecommerce.transaction;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

/** The read-only transaction history. */
@RestController
@RequestMapping("/api/v1/transactions")
@Tag(name = "Transactions")
record TransactionController(TransactionHistoryRepository transactionHistoryRepository) {

	/** Newest first by event time; each filter is optional. */
	@GetMapping
	ApiResponse<List<TransactionHistory>> list(@Valid PageQuery paging, @Valid TransactionFilter filter) {
		return ApiResponse.page(this.transactionHistoryRepository.findMatching(filter,
				paging.pageable(TransactionHistory.NEWEST_FIRST)), paging);
	}

	@GetMapping("/{transactionId}")
	ApiResponse<TransactionHistory> get(@PathVariable @ResourceId String transactionId) {
		return ApiResponse.of(this.transactionHistoryRepository.findById(transactionId)
			.orElseThrow(() -> ApiException.notFound("Transaction", transactionId)));
	}

}
