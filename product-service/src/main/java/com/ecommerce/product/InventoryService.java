package com.ecommerce.product;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import com.ecommerce.shared.Money;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.web.PageQuery;

/**
 * Stock held for orders. Each order has at most one reservation per product. While it is open it lives in the product
 * document: reserve takes stock and records the reservation in one atomic update, so stock can't go below zero and
 * no order takes stock twice, whatever the concurrency. When it closes it moves to {@link ClosedReservation}, so the
 * document holds open reservations only and costs the same whatever the product's history; the closed record lets a
 * repeated call for the same order answer as the first did, for ever.
 *
 * <p>
 * MongoDB changes one document atomically, and a close changes two; so a close is decided, then applied. It is
 * decided by inserting its {@link ClosedReservation}, whose id is unique per order and product: a commit and a
 * release racing for one reservation can't both win. It is applied by a guarded update of the product that removes
 * the open reservation (giving the stock back for a release); only one applier matches. Every operation that finds a
 * reservation both open and decided (a crash between the two steps) applies the decision first, so a retried call
 * finishes what the first one started.
 *
 * <p>
 * A release that finds no reservation leaves a tombstone, so that a reserve arriving after it, late, is refused instead
 * of holding stock for an order that gave up. A reserve that had already looked for a tombstone and found none must
 * not slip in after it either: the product counts its tombstones, the count is part of reserve's filter, and the
 * release counts after writing the tombstone and then looks again for a reservation that got in before the count.
 *
 * <p>
 * A reservation that no order closes within the expiry (its order crashed and never came back, or it was made under
 * an order id that no order has) is released by product-service itself ({@link #expire}, run by
 * {@link ReservationExpiry}), through the same two steps: it and a late commit can't both win.
 *
 * <p>
 * Each operation reads, decides, then writes with the facts it decided on as the write's filter. When a concurrent
 * write changed one of them, the write matches nothing and the operation decides again on a fresh read; each such
 * round means another request made progress, so a few rounds suffice.
 */
@Service
public class InventoryService {

	static final int ATTEMPTS = 5;

	private final ProductRepository productRepository;

	private final ClosedReservationRepository closedReservations;

	private final StockMovementRepository stockMovementRepository;

	private final VersionedCache<Product> cache;

	private final CatalogService catalogService;

	InventoryService(ProductRepository productRepository, ClosedReservationRepository closedReservations,
			StockMovementRepository stockMovementRepository, VersionedCache<Product> cache,
			CatalogService catalogService) {
		this.productRepository = productRepository;
		this.closedReservations = closedReservations;
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
			if (read.reservation() != null) {
				return Optional.of(new Reserved(read.reservation(), read.stock()));
			}
			Optional<ClosedReservation> closed = this.closedReservations.findById(ClosedReservation.idOf(productId, orderId));
			if (closed.isPresent()) {
				if (closed.get().state() == ClosedReservation.State.RELEASED) {
					throw invalidState("The reservation of order " + orderId + wasReleased(closed.get())
							+ "; reserve under a new order");
				}
				return Optional.of(new Reserved(closed.get().reservation(), read.stock()));
			}
			if (Money.total(read.price(), quantity).isEmpty()) {
				throw unpayable(read.price());
			}
			if (read.stock() < quantity) {
				throw new ApiException(ErrorCode.INSUFFICIENT_STOCK,
						"Insufficient stock: " + quantity + " requested, " + read.stock() + " available",
						Map.of("availableStock", read.stock()));
			}
			// The price is part of the filter: the unit price recorded is the price at the moment stock is taken.
			return this.productRepository
				.reserve(productId, orderId, quantity, read.price(), read.tombstones(), Times.now())
				.map((product) -> {
					changed(product, orderId, StockMovement.Type.RESERVE, -quantity);
					return new Reserved(orderId, quantity, read.price(), product.stock());
				});
		});
	}

	/**
	 * Gives the stock reserved for {@code orderId} back, at most once. With nothing reserved for the order yet, it
	 * leaves a tombstone (a released reservation of nothing) and answers 404, as there was nothing to give back.
	 */
	public Released release(String productId, String orderId) {
		return retried(productId, () -> {
			ProductStock read = readAny(productId, orderId);
			Reservation open = read.reservation();
			if (open != null) {
				return close(productId, open,
						ClosedReservation.of(productId, open, ClosedReservation.State.RELEASED, Times.now()))
					.map((closed) -> released(closed, closed.product().stock()));
			}
			Optional<ClosedReservation> closed = this.closedReservations.findById(ClosedReservation.idOf(productId, orderId));
			if (closed.isPresent()) {
				return Optional.of(released(new Closed(closed.get(), null), read.stock()));
			}
			return leaveTombstone(productId, orderId);
		});
	}

	/** Turns the reservation of {@code orderId} into a sale; once per order. */
	public Committed commit(String productId, String orderId) {
		return retried(productId, () -> {
			ProductStock read = readAny(productId, orderId);
			Reservation open = read.reservation();
			if (open != null) {
				return close(productId, open,
						ClosedReservation.of(productId, open, ClosedReservation.State.COMMITTED, Times.now()))
					.map(this::committed);
			}
			ClosedReservation closed = this.closedReservations.findById(ClosedReservation.idOf(productId, orderId))
				.orElseThrow(() -> noReservation(productId, orderId));
			return Optional.of(committed(new Closed(closed, null)));
		});
	}

	/**
	 * Releases the reservation of {@code orderId} if it is still open and was made at or before {@code reservedBy}:
	 * its order has neither committed nor released it in time. Through the same two steps as a release, so that a
	 * commit racing with it can't also win: whichever close is decided first is the one applied, and the stock is
	 * counted once. True when this released it; false when it was closed otherwise (committed, released by its order)
	 * or is no longer that old.
	 */
	boolean expire(String productId, String orderId, Instant reservedBy) {
		return retried(productId, () -> {
			Reservation open = readAny(productId, orderId).reservation();
			if (open == null || open.reservedAt().isAfter(reservedBy)) {
				return Optional.of(false); // closed meanwhile: the close was applied, so it was decided before
			}
			return close(productId, open, ClosedReservation.expiry(productId, open, Times.now()))
				.map((closed) -> closed.reservation().byExpiry());
		});
	}

	/**
	 * Decides the close of {@code open} as {@code proposed}, unless a close was decided before (then that one
	 * stands), and applies the decision to the product. Empty when another request applied it first.
	 */
	private Optional<Closed> close(String productId, Reservation open, ClosedReservation proposed) {
		ClosedReservation decided = decide(proposed, open);
		return this.productRepository.close(productId, open, decided.state(), Times.now()).map((product) -> {
			boolean released = decided.state() == ClosedReservation.State.RELEASED;
			changed(product, open.orderId(), released ? StockMovement.Type.RELEASE : StockMovement.Type.COMMIT,
					released ? open.quantity() : 0);
			return new Closed(decided, product);
		});
	}

	private ClosedReservation decide(ClosedReservation proposed, Reservation open) {
		try {
			return this.closedReservations.insert(proposed);
		}
		catch (DuplicateKeyException ex) {
			ClosedReservation decided = this.closedReservations.findById(proposed.id()).orElseThrow();
			if (decided.records(open)) {
				return decided;
			}
			// A tombstone, left by a release that then found this reservation had got in: it releases what it holds.
			return this.closedReservations.save(decided.of(open));
		}
	}

	/**
	 * Records that {@code orderId} will never hold stock of the product, then counts the tombstone; a reservation
	 * found then got in before the count, and the next round releases it (the tombstone is its decided close).
	 */
	private Optional<Released> leaveTombstone(String productId, String orderId) {
		try {
			this.closedReservations.insert(ClosedReservation.tombstone(productId, orderId, Times.now()));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty(); // a close of this order was decided meanwhile: read again
		}
		ProductStock counted = this.productRepository.countTombstone(productId, orderId)
			.orElseThrow(() -> CatalogService.notFound(productId));
		if (counted.reservation() != null) {
			return Optional.empty();
		}
		throw noReservation(productId, orderId);
	}

	private Released released(Closed closed, int remainingStock) {
		if (closed.reservation().state() == ClosedReservation.State.COMMITTED) {
			throw invalidState("The reservation of order " + closed.reservation().orderId()
					+ " was committed; it can't be released");
		}
		return new Released(closed.reservation().orderId(), closed.reservation().quantity(), remainingStock);
	}

	private Committed committed(Closed closed) {
		if (closed.reservation().state() == ClosedReservation.State.RELEASED) {
			throw invalidState("The reservation of order " + closed.reservation().orderId()
					+ wasReleased(closed.reservation()) + "; it can't be committed");
		}
		return new Committed(closed.reservation().orderId(), closed.reservation().quantity());
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
	static <T> T retried(String productId, Supplier<Optional<T>> attempt) {
		for (int i = 0; i < ATTEMPTS; i++) {
			Optional<T> result = attempt.get();
			if (result.isPresent()) {
				return result.get();
			}
		}
		throw ApiException.conflict("Product " + productId + " is changing too fast; retry");
	}

	private static String wasReleased(ClosedReservation closed) {
		return closed.byExpiry() ? " expired and was released" : " was released";
	}

	/**
	 * Stock taken at {@code price} for an order no payment can settle (no payment is more than
	 * {@link Money#MAX_CENTS}; a price stored before prices were bounded can even overflow a long when multiplied) would
	 * only be held until it is given back: refused before any is taken. A 400 naming {@code quantity}, not a 409: no
	 * change of stock or state lets this request through, asking for less may.
	 */
	private static ApiException unpayable(long price) {
		return ApiException.invalid("quantity", Money.tooLargeAt(price));
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

	/** A close as decided, and the product as applying it left it (null when it was applied before). */
	private record Closed(ClosedReservation reservation, Product product) {
	}

	public record Availability(String productId, boolean available, int stock, int requestedQuantity) {
	}

	private static ApiException noReservation(String productId, String orderId) {
		return new ApiException(ErrorCode.NOT_FOUND, "No reservation for order " + orderId + " on product " + productId);
	}

}
