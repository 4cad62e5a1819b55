package com.ecommerce.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTests {

	@Test
	void carryTheSeedsPrefixes() {
		assertThat(Ids.product()).matches("prod_[0-9a-f]{24}");
		assertThat(Ids.order()).matches("ord_[0-9a-f]{24}");
		assertThat(Ids.payment()).matches("pay_[0-9a-f]{24}");
		assertThat(Ids.transaction()).matches("txn_[0-9a-f]{24}");
		assertThat(Ids.objectId()).matches("[0-9a-f]{24}");
	}

	@Test
	void areUniqueAndTimeOrdered() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			ids.add(Ids.order());
		}
		assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
		assertThat(ids).isSorted();
	}

}
