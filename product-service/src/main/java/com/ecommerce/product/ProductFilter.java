package com.ecommerce.product;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.ecommerce.shared.error.ApiException;

/**
 * The filters of the product lists: category and brand match exactly, prices are integer cents (both ends
 * included), and {@code search} (alias {@code q}) is a literal, case-insensitive substring of name, description or
 * brand. A blank value filters nothing.
 */
public record ProductFilter(@Size(max = 50) String category, @Size(max = 50) String brand,
		@PositiveOrZero(message = "must be at least 0") Long minPrice,
		@PositiveOrZero(message = "must be at least 0") Long maxPrice, @Size(max = 100) String search,
		@Size(max = 100) String q) {

	/** Bean validation checks one value at a time; the range needs both. */
	ProductFilter checked() {
		if (this.minPrice != null && this.maxPrice != null && this.minPrice > this.maxPrice) {
			throw ApiException.invalid("minPrice", "must not be greater than maxPrice");
		}
		return this;
	}

	ProductFilter withCategory(String category) {
		return new ProductFilter(category, this.brand, this.minPrice, this.maxPrice, this.search, this.q);
	}

	ProductFilter withBrand(String brand) {
		return new ProductFilter(this.category, brand, this.minPrice, this.maxPrice, this.search, this.q);
	}

	/** The search text, from {@code search} or else {@code q}; null when there is none. */
	String term() {
		String term = (this.search != null) ? this.search : this.q;
		return (term == null || term.isBlank()) ? null : term.trim();
	}

}
