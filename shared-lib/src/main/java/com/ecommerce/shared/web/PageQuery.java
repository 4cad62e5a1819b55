package com.ecommerce.shared.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

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

	/**
	 * Newest first by {@code timeField}, and by id among items of the same instant (ids are time-ordered too). Each
	 * collection has an index in this order.
	 */
	public static Sort newestFirst(String timeField) {
		return Sort.by(Sort.Order.desc(timeField), Sort.Order.desc("_id"));
	}


	/**
	 * This page for a Spring Data query, sorted by {@code sort}. Spring Data counts pages from 0. MongoTemplate skips
	 * by an int, so a page further than that asks for the last page before it instead: both are past the end of
	 * every collection, so the answer is the same empty list.
	 */
	public Pageable pageable(Sort sort) {
		int index = (int) Math.min(this.page - 1L, Integer.MAX_VALUE / this.limit);
		return PageRequest.of(index, this.limit, sort);
	}

}
