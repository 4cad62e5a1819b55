package com.ecommerce.shared.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code ?page&limit} of every list call: page ≥ 1 (default 1), limit 1..100 (default 10). Bind it with
 * {@code @Valid PageQuery paging}; out-of-range or non-numeric values become a 400 naming the parameter.
 */
public record PageQuery(@Min(value = 1, message = "must be at least 1") Integer page,
		@Min(value = 1, message = "must be between 1 and 100") @Max(value = 100,
				message = "must be between 1 and 100") Integer limit) {

	public PageQuery {
		page = (page == null) ? 1 : page;
		limit = (limit == null) ? 10 : limit;
	}

	public static PageQuery of(int page, int limit) {
		return new PageQuery(page, limit);
	}

	/** How many items come before this page; a long, since page × limit can pass an int. */
	public long offset() {
		return (long) (this.page - 1) * this.limit;
	}

}
