package com.ecommerce.product;

import java.util.List;

import org.springframework.data.domain.Page;
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
public class CatalogService {

	private final ProductRepository productRepository;

	private final StockMovementRepository stockMovementRepository;

	private final VersionedCache<Product> cache;

	CatalogService(ProductRepository productRepository, StockMovementRepository stockMovementRepository,
			VersionedCache<Product> cache) {
		this.productRepository = productRepository;
		this.stockMovementRepository = stockMovementRepository;
		this.cache = cache;
	}

	public Product create(NewProduct request) {
		var now = Times.now();
		var product = new Product(Ids.product(), request.name(), request.description(), request.price(),
				request.category(), request.brand(), request.stock(), 0, request.weight(), request.dimensions(),
				request.specifications(), request.images(), true, now, now, null, 1, 0, List.of());
		this.productRepository.insert(product);
		this.cache.put(product.productId(), product);
		// The opening stock is the ledger's first entry, so that a product's movements add up to its stock.
		this.stockMovementRepository
			.insert(StockMovement.of(product, null, StockMovement.Type.ADJUST, product.stock()));
		return product;
	}

	/** An active product; 404 when there is none or it was deleted. */
	public Product get(String productId) {
		return this.cache.getOrLoad(productId, this.productRepository::findActive)
			.orElseThrow(() -> notFound(productId));
	}

	/** Active products, newest first. */
	public Page<Product> list(ProductFilter filter, PageQuery paging) {
		return this.productRepository.findMatching(filter, paging.pageable(Product.NEWEST_FIRST));
	}

	/** Applies the changes; a new stock level is recorded as a manual movement of the difference. */
	public Product update(String productId, ProductChanges changes) {
		var now = Times.now();
		var before = this.productRepository.update(productId, changes, now).orElseThrow(() -> notFound(productId));
		// The update was one atomic step from exactly this state, so applying the same changes here gives what
		// MongoDB now holds, without a second read that a concurrent reservation could already have overtaken.
		var after = changes.applyTo(before, now);
		this.cache.put(productId, after);
		if (after.stock() != before.stock()) {
			this.stockMovementRepository
				.insert(StockMovement.of(after, null, StockMovement.Type.ADJUST, after.stock() - before.stock()));
		}
		return after;
	}

	/** Soft delete: the document stays (orders refer to it), but the product is gone for every call. */
	public void delete(String productId) {
		if (!this.productRepository.softDelete(productId, Times.now())) {
			throw notFound(productId);
		}
		this.cache.deleted(productId);
	}

	static ApiException notFound(String productId) {
		return ApiException.notFound("Product", productId);
	}

}
