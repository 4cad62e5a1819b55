package com.ecommerce.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.ecommerce.shared.Money;

/**
 * The body of {@code PUT /api/v1/products/{id}}: any subset of the create fields, each checked as on create when
 * present; dimensions, if given, are given whole.
 */
public record ProductChanges(
		@Size(min = 1, max = 200) @Pattern(regexp = ProductRules.NOT_BLANK, message = ProductRules.NOT_BLANK_MESSAGE) String name,
		@Size(max = 1000) String description,
		@PositiveOrZero @Max(value = Money.MAX_CENTS, message = Money.TOO_LARGE) Long price,
		@Size(min = 1, max = 50) @Pattern(regexp = ProductRules.NOT_BLANK, message = ProductRules.NOT_BLANK_MESSAGE) String category,
		@Size(min = 1, max = 50) @Pattern(regexp = ProductRules.NOT_BLANK, message = ProductRules.NOT_BLANK_MESSAGE) String brand,
		@PositiveOrZero @Max(ProductRules.MAX_STOCK) Integer stock,
		@Positive @DecimalMax(ProductRules.MAX_MEASURE) Double weight, @Valid Dimensions dimensions,
		@Specifications Map<String, Object> specifications,
		@Size(max = 20) List<@NotBlank @Size(max = 500) String> images) {

	@JsonIgnore
	@AssertTrue(message = "must change at least one field")
	public boolean isBody() {
		return this.name != null || this.description != null || this.price != null || this.category != null
				|| this.brand != null || this.stock != null || this.weight != null || this.dimensions != null
				|| this.specifications != null || this.images != null;
	}

	/** {@code product} as these changes leave it, at its next version. */
	Product applyTo(Product product, Instant now) {
		return new Product(product.productId(), or(this.name, product.name()),
				or(this.description, product.description()), or(this.price, product.price()),
				or(this.category, product.category()), or(this.brand, product.brand()), or(this.stock, product.stock()),
				product.reservedStock(), or(this.weight, product.weight()), or(this.dimensions, product.dimensions()),
				or(this.specifications, product.specifications()), or(this.images, product.images()), product.active(),
				product.createdAt(), now, product.deletedAt(), product.version() + 1, product.tombstones(),
				product.reservations());
	}

	private static <T> T or(T change, T current) {
		return (change != null) ? change : current;
	}

}
