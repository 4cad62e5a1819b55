package com.ecommerce.transaction;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.ApiResponse;

/**
 * Operators' view of the dead-letter queue. A literal path, so Spring MVC prefers it over
 * {@code /api/v1/transactions/{transactionId}}.
 */
@RestController
@RequestMapping("/api/v1/transactions/dead-letters")
@Tag(name = "Dead letters")
record DeadLetterController(DeadLetterService deadLetterService) {

	/** The oldest {@code limit} dead letters, which stay in the queue. */
	@GetMapping
	ApiResponse<List<DeadLetter>> list(@RequestParam(defaultValue = "100") @Min(value = 1,
			message = "must be between 1 and 1000") @Max(value = 1000, message = "must be between 1 and 1000") int limit) {
		return ApiResponse.of(this.deadLetterService.list(limit));
	}

	/** Sends every dead letter back to the transaction queue. */
	@PostMapping("/redrive")
	ApiResponse<Map<String, Integer>> redrive() {
		return ApiResponse.of(Map.of("redriven", this.deadLetterService.redrive()));
	}

}
