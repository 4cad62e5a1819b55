package com.ecommerce.product;

import java.util.List;

import org.springframework.stereotype.Service;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.web.PageQuery;

/**
 * The products on sale, with single reads served from Redis. Every write puts its result in the cache (a tombstone
 * for a delete) at its new version, so a read after a write, including a stock change, never answers with the old
 * state. Lists are read from MongoDB, always current.
 */
@Service
public class Catalog {

	private final ProductRepository products;

	private final StockMovements movements;

	private final VersionedCache<Product> cache;

	Catalog(ProductRepository products, StockMovements movements, VersionedCache<Product> cache) {
		this.products = products;
		this.movements = movements;
		this.cache = cache;
	}

	public Product create(NewProduct request) {
		var now = Times.now();
		var product = new Product(Ids.product(), request.name(), request.description(), request.price(),
				request.category(), request.brand(), request.stock(), 0, request.weight(), request.dimensions(),
				request.specifications(), request.images(), true, now, now, null, 1, List.of());
		this.products.insert(product);
		this.cache.put(product.productId(), product.version(), product);
		// The opening stock is the ledger's first entry, so that a product's movements add up to its stock.
		this.movements.record(product, null, StockMovement.Type.ADJUST, product.stock());
		return product;
	}

	/** An active product; 404 when there is none or it was deleted. */
	public Product get(String productId) {
		var cached = this.cache.get(productId);
		if (cached.isDeleted()) {
			throw notFound(productId);
		}
		if (cached.isHit()) {
			return cached.value();
		}
		var product = this.products.findActive(productId).orElseThrow(() -> notFound(productId));
		this.cache.put(productId, product.version(), product);
		return product;
	}

	public List<Product> list(ProductFilter filter, PageQuery paging) {
		return this.products.find(filter, paging);
	}

	public long count(ProductFilter filter) {
		return this.products.count(filter);
	}

	/** Applies the changes; a new stock level is recorded as a manual movement of the difference. */
	public Product update(String productId, ProductChanges changes) {
		var now = Times.now();
		var before = this.products.update(productId, changes, now).orElseThrow(() -> notFound(productId));
		// The update was one atomic step from exactly this state, so applying the same changes here gives what
		// MongoDB now holds, without a second read that a concurrent reservation could already have overtaken.
		var after = changes.applyTo(before, now);
		this.cache.put(productId, after.version(), after);
		if (after.stock() != before.stock()) {
			this.movements.record(after, null, StockMovement.Type.ADJUST, after.stock() - before.stock());
		}
		return after;
	}

	/** Soft delete: the document stays (orders refer to it), but the product is gone for every call. */
	public void delete(String productId) {
		if (!this.products.softDelete(productId, Times.now())) {
			throw notFound(productId);
		}
		this.cache.deleted(productId);
	}

	static ApiException notFound(String productId) {
		return ApiException.notFound("Product", productId);
	}

}
