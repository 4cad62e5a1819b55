package com.ecommerce.shared.web;

/** Where a page sits in the whole list. */
public record Pagination(long total, int page, int limit, long totalPages) {

	public static Pagination of(long total, PageQuery query) {
		long pages = (total + query.limit() - 1) / query.limit();
		return new Pagination(total, query.page(), query.limit(), pages);
	}

}
