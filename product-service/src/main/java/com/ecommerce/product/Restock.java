package com.ecommerce.product;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A restock that is done: sold stock an order gave back (a refund that returns the goods), kept in {@code restocks}
 * under the id {@code productId:orderId:restock}, one per order and product, so that a repeated restock answers as the
 * first one did instead of adding the stock again ({@link RestockService}).
 */
@Document("restocks")
record Restock(@Id String id, String productId, String orderId, int quantity, Instant at) {

	static String idOf(String productId, String orderId) {
		return productId + ":" + orderId + ":restock";
	}

	static Restock of(String productId, PendingRestock applied, Instant now) {
		return new Restock(idOf(productId, applied.orderId()), productId, applied.orderId(), applied.quantity(), now);
	}

}
