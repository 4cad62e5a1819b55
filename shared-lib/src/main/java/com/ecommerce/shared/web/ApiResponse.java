package com.ecommerce.shared.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.domain.Page;

/** The success envelope: {@code {"success": true, "data": ...}}, with {@code pagination} for lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, Pagination pagination) {

	public static <T> ApiResponse<T> of(T data) {
		return new ApiResponse<>(true, data, null);
	}

	public static <T> ApiResponse<List<T>> page(List<T> items, long total, PageQuery query) {
		return new ApiResponse<>(true, items, Pagination.of(total, query));
	}

	/** A page from Spring Data, described by the query as the caller asked it. */
	public static <T> ApiResponse<List<T>> page(Page<T> page, PageQuery query) {
		return page(page.getContent(), page.getTotalElements(), query);
	}

}
