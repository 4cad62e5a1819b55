package com.ecommerce.product;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Length, width and height of a product; always given whole. */
public record Dimensions(@NotNull @Positive @DecimalMax(ProductRules.MAX_MEASURE) Double length,
		@NotNull @Positive @DecimalMax(ProductRules.MAX_MEASURE) Double width,
		@NotNull @Positive @DecimalMax(ProductRules.MAX_MEASURE) Double height) {
}
