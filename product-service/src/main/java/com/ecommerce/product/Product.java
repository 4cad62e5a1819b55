package com.ecommerce.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.IndexDirection;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.cache.Versioned;
import com.ecommerce.shared.web.PageQuery;

/**
 * A product as stored in {@code products} and returned by the API. {@code stock} is what can still be sold,
 * {@code reservedStock} what open reservations hold. The open reservations live in the document itself, so that
 * taking stock and recording who took it is one atomic update (closed ones move out, {@link ClosedReservation}).
 * They, {@code version} (which every write increments, so that the cache never keeps an older copy over a newer one)
 * and {@code tombstones} (see {@link InventoryService}) stay out of the API; so do the restock fields, which only
 * {@link RestockState} reads. The product id is the document's {@code _id}, unique by nature;
 * {@code reservations.reservedAt} (one key per open reservation) lets the reservation expiry find the products holding
 * an old one without reading the catalog; the other indexes serve the lists, which always ask for active products,
 * newest first.
 */
@Document("products")
@CompoundIndex(name = "reservations_reservedAt", def = "{'reservations.reservedAt': 1}")
@CompoundIndex(name = "active_category_createdAt", def = "{'active': 1, 'category': 1, 'createdAt': -1}")
@CompoundIndex(name = "active_brand_createdAt", def = "{'active': 1, 'brand': 1, 'createdAt': -1}")
@CompoundIndex(name = "active_createdAt", def = "{'active': 1, 'createdAt': -1}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(@Id String productId, String name, String description, @Indexed(name = "price") long price,
		String category, String brand, int stock, int reservedStock, Double weight, Dimensions dimensions,
		Map<String, Object> specifications, List<String> images, boolean active,
		@Indexed(name = "createdAt_desc", direction = IndexDirection.DESCENDING) Instant createdAt, Instant updatedAt,
		Instant deletedAt, @JsonIgnore long version, @JsonIgnore int tombstones,
		@JsonIgnore List<Reservation> reservations) implements Versioned {

	static final String NAME = "name";

	static final String DESCRIPTION = "description";

	static final String PRICE = "price";

	static final String CATEGORY = "category";

	static final String BRAND = "brand";

	static final String STOCK = "stock";

	static final String RESERVED_STOCK = "reservedStock";

	static final String ACTIVE = "active";

	static final String CREATED_AT = "createdAt";

	static final String UPDATED_AT = "updatedAt";

	static final String DELETED_AT = "deletedAt";

	static final String VERSION = "version";

	static final String TOMBSTONES = "tombstones";

	static final String RESERVATIONS = "reservations";

	static final Sort NEWEST_FIRST = PageQuery.newestFirst(CREATED_AT);

}
