package com.ecommerce.product;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;

/** Products written straight into the store, for the tests below the API. */
final class StoredProducts {

	private StoredProducts() {
	}

	/** A new active product "Thing" at {@code price} with {@code stock}; its id. */
	static String insert(ProductRepository repository, long price, int stock) {
		return insertHolding(repository, price, stock);
	}

	/**
	 * A new active product as {@link #insert}, holding the {@code open} reservations as reserve leaves them (at the
	 * instants they say): {@code stock} is what is left besides them; its id.
	 */
	static String insertHolding(ProductRepository repository, long price, int stock, Reservation... open) {
		Instant now = Times.now();
		String id = Ids.product();
		int reserved = Arrays.stream(open).mapToInt(Reservation::quantity).sum();
		repository.insert(new Product(id, "Thing", null, price, "Things", "Acme", stock, reserved, null, null, null,
				null, true, now, now, null, 1, 0, List.of(open)));
		return id;
	}

}
