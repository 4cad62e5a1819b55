package com.ecommerce.product;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.RequestIds;

/**
 * One change of a product's stock, for audit: {@code quantity} is the signed change of the available stock (0 for a
 * commit, which only turns reserved stock into sold stock) and {@code stockAfter} the available stock it left.
 */
@Document("stock_movements")
@CompoundIndex(name = "productId_at_desc", def = "{'productId': 1, 'at': -1}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockMovement(@Id String movementId, String productId, String orderId, Type type, int quantity,
		int stockAfter, Instant at, String requestId) {

	static final String AT = "at";

	static final Sort NEWEST_FIRST = PageQuery.newestFirst(AT);

	/** The movement of {@code product}'s stock that the current request has just made. */
	static StockMovement of(Product product, String orderId, Type type, int quantity) {
		return new StockMovement(Ids.objectId(), product.productId(), orderId, type, quantity, product.stock(),
				Times.now(), RequestIds.current());
	}

	public enum Type {

		RESERVE, RELEASE, COMMIT,
		/** Sold stock given back by a refunded order. */
		RESTOCK,
		/** Set by hand: the opening stock of a new product, or a stock change in an update. */
		ADJUST

	}

}
