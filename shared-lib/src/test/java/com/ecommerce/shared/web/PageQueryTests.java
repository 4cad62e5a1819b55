package com.ecommerce.shared.web;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

class PageQueryTests {

	private static final Sort NEWEST_FIRST = PageQuery.newestFirst("createdAt");

	@Test
	void theFirstPageIsSpringDatasPageZero() {
		Pageable pageable = PageQuery.of(1, 10).pageable(NEWEST_FIRST);
		assertThat(pageable.getPageNumber()).isZero();
		assertThat(pageable.getOffset()).isZero();
		assertThat(pageable.getPageSize()).isEqualTo(10);
		assertThat(pageable.getSort()).isEqualTo(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")));
	}

	@Test
	void pagesSkipWhatComesBefore() {
		assertThat(PageQuery.of(3, 25).pageable(NEWEST_FIRST).getOffset()).isEqualTo(50);
	}

	@Test
	void aPagePastWhatAnIntCanSkipStaysPastTheEndOfTheData() {
		for (PageQuery query : new PageQuery[] { PageQuery.of(Integer.MAX_VALUE, 100), PageQuery.of(21_474_838, 100),
				PageQuery.of(Integer.MAX_VALUE, 1), PageQuery.of(Integer.MAX_VALUE, 7) }) {
			long offset = query.pageable(NEWEST_FIRST).getOffset();
			assertThat(offset).as("%s", query).isLessThanOrEqualTo(Integer.MAX_VALUE).isGreaterThan(Integer.MAX_VALUE - 100L);
		}
	}

}
