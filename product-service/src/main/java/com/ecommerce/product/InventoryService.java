package com.ecommerce.product;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.web.PageQuery;

/**
 * Stock held for orders. Each order has at most one reservation per product, kept in the product document: reserve
 * takes stock and records the reservation in one atomic update, release and commit close it in one atomic update.
 * So stock can't go below zero and no reservation is taken, given back or sold twice, whatever the concurrency,
 * and a repeated call for the same order answers as the first did.
 *
 * <p>
 * Each operation reads the product, decides, then writes with the facts it decided on as the write's filter. When
 * a concurrent write changed one of them, the write matches nothing and the operation decides again on a fresh
 * read; each such round means another request made progress, so a few rounds suffice.
 */
@Service
public class InventoryService {

	static final int ATTEMPTS = 5;

	private final ProductRepository productRepository;

	private final StockMovementRepository stockMovementRepository;

	private final VersionedCache<Product> cache;

	private final CatalogService catalogService;

	InventoryService(ProductRepository productRepository, StockMovementRepository stockMovementRepository,
			VersionedCache<Product> cache, CatalogService catalogService) {
		this.productRepository = productRepository;
		this.stockMovementRepository = stockMovementRepository;
		this.cache = cache;
		this.catalogService = catalogService;
	}

	public Availability availability(String productId, int quantity) {
		Product product = this.catalogService.get(productId);
		return new Availability(productId, product.stock() >= quantity, product.stock(), quantity);
	}

	/** Takes {@code quantity} for {@code orderId} at the current price; once per order. */
	public Reserved reserve(String productId, String orderId, int quantity) {
		return retried(productId, () -> {
			ProductStock read = read(productId, orderId);
			Reservation existing = read.reservation();
			if (existing != null) {
				if (existing.state() == Reservation.State.RELEASED) {
					throw invalidState("The reservation of order " + orderId + " was released; reserve under a new order");
				}
				return Optional.of(new Reserved(existing, read.stock()));
			}
			if (read.stock() < quantity) {
				throw new ApiException(ErrorCode.INSUFFICIENT_STOCK,
						"Insufficient stock: " + quantity + " requested, " + read.stock() + " available",
						Map.of("availableStock", read.stock()));
			}
			// The price is part of the filter: the unit price recorded is the price at the moment stock is taken.
			return this.productRepository.reserve(productId, orderId, quantity, read.price(), Times.now()).map((product) -> {
				changed(product, orderId, StockMovement.Type.RESERVE, -quantity);
				return new Reserved(orderId, quantity, read.price(), product.stock());
			});
		});
	}

	/**
	 * Gives the stock reserved for {@code orderId} back, at most once. With nothing reserved for the order yet, it
	 * leaves a tombstone (a released reservation of nothing), so that a reserve arriving after it, late, is refused
	 * instead of holding stock for an order that gave up: then 404, as there was nothing to give back.
	 */
	public Released release(String productId, String orderId) {
		return retried(productId, () -> {
			ProductStock read = readAny(productId, orderId);
			if (read.reservation() == null) {
				if (this.productRepository.tombstone(productId, orderId, read.price(), Times.now()).isEmpty()) {
					return Optional.empty(); // a reserve got in meanwhile: release that
				}
				throw noReservation(productId, orderId);
			}
			Reservation reservation = read.reservation();
			return switch (reservation.state()) {
				case COMMITTED -> throw invalidState("The reservation of order " + orderId + " was committed; it can't be released");
				case RELEASED -> Optional.of(new Released(orderId, reservation.quantity(), read.stock()));
				case RESERVED -> this.productRepository.release(productId, reservation, Times.now()).map((product) -> {
					changed(product, orderId, StockMovement.Type.RELEASE, reservation.quantity());
					return new Released(orderId, reservation.quantity(), product.stock());
				});
			};
		});
	}

	/** Turns the reservation of {@code orderId} into a sale; once per order. */
	public Committed commit(String productId, String orderId) {
		return retried(productId, () -> {
			ProductStock read = readAny(productId, orderId);
			Reservation reservation = reservationOf(read, productId, orderId);
			return switch (reservation.state()) {
				case RELEASED -> throw invalidState("The reservation of order " + orderId + " was released; it can't be committed");
				case COMMITTED -> Optional.of(new Committed(orderId, reservation.quantity()));
				case RESERVED -> this.productRepository.commit(productId, reservation, Times.now()).map((product) -> {
					changed(product, orderId, StockMovement.Type.COMMIT, 0);
					return new Committed(orderId, reservation.quantity());
				});
			};
		});
	}

	/** The stock movements of an active product, newest first. */
	public Page<StockMovement> movements(String productId, PageQuery paging) {
		this.catalogService.get(productId);
		return this.stockMovementRepository.findByProductId(productId, paging.pageable(StockMovement.NEWEST_FIRST));
	}

	private ProductStock read(String productId, String orderId) {
		return this.productRepository.findStock(productId, orderId).orElseThrow(() -> CatalogService.notFound(productId));
	}

	/** Deleted products too: their reservations are still released and committed. */
	private ProductStock readAny(String productId, String orderId) {
		return this.productRepository.findStockOfAny(productId, orderId)
			.orElseThrow(() -> CatalogService.notFound(productId));
	}

	private void changed(Product product, String orderId, StockMovement.Type type, int quantity) {
		this.cache.put(product.productId(), product);
		this.stockMovementRepository.insert(StockMovement.of(product, orderId, type, quantity));
	}

	/** Runs {@code attempt} until it answers; an empty answer means a concurrent write overtook its read. */
	private static <T> T retried(String productId, Supplier<Optional<T>> attempt) {
		for (int i = 0; i < ATTEMPTS; i++) {
			Optional<T> result = attempt.get();
			if (result.isPresent()) {
				return result.get();
			}
		}
		throw ApiException.conflict("Product " + productId + " is changing too fast; retry");
	}

	private static Reservation reservationOf(ProductStock read, String productId, String orderId) {
		Reservation reservation = read.reservation();
		if (reservation == null) {
			throw noReservation(productId, orderId);
		}
		return reservation;
	}

	private static ApiException invalidState(String message) {
		return new ApiException(ErrorCode.INVALID_STATE, message);
	}

	/** The answer of a reserve, the first time and every time after. */
	public record Reserved(boolean reserved, String orderId, int quantity, long unitPrice, int remainingStock) {

		Reserved(String orderId, int quantity, long unitPrice, int remainingStock) {
			this(true, orderId, quantity, unitPrice, remainingStock);
		}

		Reserved(Reservation reservation, int remainingStock) {
			this(reservation.orderId(), reservation.quantity(), reservation.unitPrice(), remainingStock);
		}

	}

	public record Released(boolean released, String orderId, int quantity, int remainingStock) {

		Released(String orderId, int quantity, int remainingStock) {
			this(true, orderId, quantity, remainingStock);
		}

	}

	public record Committed(boolean committed, String orderId, int quantity) {

		Committed(String orderId, int quantity) {
			this(true, orderId, quantity);
		}

	}

	public record Availability(String productId, boolean available, int stock, int requestedQuantity) {
	}

	private static ApiException noReservation(String productId, String orderId) {
		return new ApiException(ErrorCode.NOT_FOUND, "No reservation for order " + orderId + " on product " + productId);
	}

}
