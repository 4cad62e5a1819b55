package com.ecommerce.shared.testapp;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.OptionalResourceId;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

@RestController
@RequestMapping("/api/v1/things")
class ThingController {

	record Part(@NotBlank String label) {
	}

	record Thing(@NotBlank @Size(max = 20) String name, @NotNull @Min(0) Long count, Boolean active, @Valid Part part,
			List<String> tags) {
	}

	/** Query filters bound onto a record, as the services' list filters are. */
	record ThingFilter(@OptionalResourceId String ownerId, Integer size) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<Thing> create(@Valid @RequestBody Thing thing) {
		return ApiResponse.of(thing);
	}

	@GetMapping("/{thingId}")
	ApiResponse<Instant> get(@PathVariable @ResourceId String thingId) {
		if (thingId.equals("missing")) {
			throw ApiException.notFound("Thing", thingId);
		}
		if (thingId.equals("boom")) {
			throw new IllegalStateException("connection string mongodb://admin:secret@db leaked");
		}
		if (thingId.equals("busy")) {
			throw new ApiException(ErrorCode.INSUFFICIENT_STOCK, "Not enough", java.util.Map.of("availableStock", 3));
		}
		return ApiResponse.of(Instant.parse("2026-01-01T12:00:00Z"));
	}

	@GetMapping("/{thingId}/parts")
	ApiResponse<Integer> parts(@PathVariable @ResourceId String thingId, @RequestParam @Min(1) int quantity) {
		return ApiResponse.of(quantity);
	}

	@GetMapping
	ApiResponse<List<String>> list(@Valid PageQuery paging, @Valid ThingFilter filter,
			@RequestParam(required = false) String search) {
		return ApiResponse.page(List.of("a", "b"), 25, paging);
	}

}
