package com.ecommerce.product;

import java.time.Instant;
import java.util.List;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;

/** Products written straight into the store, for the tests below the API. */
final class StoredProducts {

	private StoredProducts() {
	}

	/** A new active product "Thing" at {@code price} with {@code stock}; its id. */
	static String insert(ProductRepository repository, long price, int stock) {
		Instant now = Times.now();
		String id = Ids.product();
		repository.insert(new Product(id, "Thing", null, price, "Things", "Acme", stock, 0, null, null, null, null, true,
				now, now, null, 1, 0, List.of()));
		return id;
	}

}
