package com.ecommerce.product;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change of a product's stock, for audit: {@code quantity} is the signed change of the available stock (0 for a
 * commit, which only turns reserved stock into sold stock) and {@code stockAfter} the available stock it left.
 */
@Document("stock_movements")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockMovement(@Id String movementId, String productId, String orderId, Type type, int quantity,
		int stockAfter, Instant at, String requestId) {

	static final String PRODUCT_ID = "productId";

	static final String AT = "at";

	public enum Type {

		RESERVE, RELEASE, COMMIT,
		/** Set by hand: the opening stock of a new product, or a stock change in an update. */
		ADJUST

	}

}
