package com.ecommerce.product;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * Sold stock given back: order-service restocks what an order bought when the order is refunded and the goods come
 * back. Once per order and product, whatever the retries and the concurrency.
 *
 * <p>
 * Two documents change, as for a close ({@link InventoryService}), but here nothing in the product document says
 * whether the stock was added yet, so the restock leaves a mark there. <b>Apply</b>: one guarded update adds the
 * stock and keeps the order's {@link PendingRestock} in the product. <b>Record</b>: insert the {@link Restock} (its
 * id is unique per order and product), then drop the pending restock and count it as finished. A call that finds the
 * record answers it; one that finds the pending restock (a crash between the steps) records it; only one that finds
 * neither adds stock. Reading the product before the record, and guarding the add on the count of finished restocks,
 * closes the gap where another call adds and records in between: its count or its pending restock makes the add
 * match nothing, and the next round finds the record.
 */
@Service
public class RestockService {

	private final ProductRepository productRepository;

	private final RestockRepository restocks;

	private final ClosedReservationRepository closedReservations;

	private final StockMovementRepository stockMovementRepository;

	private final VersionedCache<Product> cache;

	RestockService(ProductRepository productRepository, RestockRepository restocks,
			ClosedReservationRepository closedReservations, StockMovementRepository stockMovementRepository,
			VersionedCache<Product> cache) {
		this.productRepository = productRepository;
		this.restocks = restocks;
		this.closedReservations = closedReservations;
		this.stockMovementRepository = stockMovementRepository;
		this.cache = cache;
	}

	/**
	 * Gives {@code quantity} of what {@code orderId} bought back to stock; once per order, a repeat answers the first
	 * restock and adds nothing.
	 * @throws ApiException 404 for an unknown product; 409 {@code INVALID_STATE} when the order bought none of it (no
	 * committed reservation) or less than {@code quantity}
	 */
	Restocked restock(String productId, String orderId, int quantity) {
		return InventoryService.retried(productId, () -> {
			RestockState read = this.productRepository.findRestockState(productId, orderId)
				.orElseThrow(() -> CatalogService.notFound(productId));
			Optional<Restock> done = this.restocks.findById(Restock.idOf(productId, orderId));
			if (done.isPresent()) {
				return Optional.of(new Restocked(orderId, done.get().quantity(), read.stock()));
			}
			if (read.pending() != null) {
				// The call that added the stock stopped before recording it, and maybe before caching the product.
				this.productRepository.findActive(productId).ifPresent((product) -> this.cache.put(productId, product));
				record(productId, read.pending());
				return Optional.of(new Restocked(orderId, read.pending().quantity(), read.stock()));
			}
			requireSold(productId, orderId, quantity);
			return this.productRepository.restock(productId, orderId, quantity, read.restocks(), Times.now())
				.map((product) -> {
					this.cache.put(product.productId(), product);
					this.stockMovementRepository
						.insert(StockMovement.of(product, orderId, StockMovement.Type.RESTOCK, quantity));
					record(productId, new PendingRestock(orderId, quantity));
					return new Restocked(orderId, quantity, product.stock());
				});
		});
	}

	/** Only what the order bought goes back: its reservation committed, for at least that many. */
	private void requireSold(String productId, String orderId, int quantity) {
		ClosedReservation sold = this.closedReservations.findById(ClosedReservation.idOf(productId, orderId))
			.filter((closed) -> closed.state() == ClosedReservation.State.COMMITTED)
			.orElseThrow(() -> new ApiException(ErrorCode.INVALID_STATE,
					"Order " + orderId + " bought nothing of product " + productId + " (no committed reservation)"));
		if (quantity > sold.quantity()) {
			throw new ApiException(ErrorCode.INVALID_STATE,
					"Order " + orderId + " bought " + sold.quantity() + "; " + quantity + " can't be restocked");
		}
	}

	private void record(String productId, PendingRestock applied) {
		try {
			this.restocks.insert(Restock.of(productId, applied, Times.now()));
		}
		catch (DuplicateKeyException ex) {
			// Recorded by a concurrent call already.
		}
		this.productRepository.restockRecorded(productId, applied.orderId());
	}

	/** The answer of a restock, the first time and every time after. */
	public record Restocked(boolean restocked, String orderId, int quantity, int remainingStock) {

		Restocked(String orderId, int quantity, int remainingStock) {
			this(true, orderId, quantity, remainingStock);
		}

	}

}
