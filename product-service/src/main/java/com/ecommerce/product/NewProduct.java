package com.ecommerce.product;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.ecommerce.shared.Money;

/**
 * The body of {@code POST /api/v1/products}: name, price (integer cents, 0..{@link Money#MAX_CENTS}), category,
 * brand and stock required; description, weight, dimensions, specifications and images optional.
 */
public record NewProduct(@NotBlank @Size(max = 200) String name, @Size(max = 1000) String description,
		@NotNull @PositiveOrZero @Max(value = Money.MAX_CENTS, message = Money.TOO_LARGE) Long price,
		@NotBlank @Size(max = 50) String category, @NotBlank @Size(max = 50) String brand,
		@NotNull @PositiveOrZero @Max(ProductRules.MAX_STOCK) Integer stock,
		@Positive @DecimalMax(ProductRules.MAX_MEASURE) Double weight, @Valid Dimensions dimensions,
		@Specifications Map<String, Object> specifications,
		@Size(max = 20) List<@NotBlank @Size(max = 500) String> images) {
}
