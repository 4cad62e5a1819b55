package com.ecommerce.product;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.RequestIds;

/**
 * Gives back the stock of reservations left open past {@code product.reservations.expiry}: an order that never came
 * back to commit or release (its order-service died for good), or a reserve under an order id that no order has.
 * Without it, that stock would stay held for ever. A pass finds the products holding such a reservation by the index
 * on {@code reservations.reservedAt} and releases each through {@link InventoryService#expire}, the release's own
 * decide-then-apply: a commit arriving at that moment and the expiry can't both win, and the stock is counted once.
 * Nothing is claimed: each close is decided once whoever decides it, so several instances may run the job at once,
 * at worst reading a reservation another has just released.
 */
@Component
class ReservationExpiry {

	private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

	private final ProductRepository productRepository;

	private final InventoryService inventory;

	private final ProductProperties.Reservations settings;

	private final Counter expired;

	ReservationExpiry(ProductRepository productRepository, InventoryService inventory, ProductProperties properties,
			MeterRegistry registry) {
		this.productRepository = productRepository;
		this.inventory = inventory;
		this.settings = properties.reservations();
		this.expired = Counter.builder("reservations.expired")
			.description("Reservations released because no order committed or released them within the expiry")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${product.reservations.sweep-interval:30s}",
			initialDelayString = "${product.reservations.sweep-interval:30s}")
	void run() {
		int released = expireDue(Times.now());
		if (released > 0) {
			log.info("Released {} expired reservations", released);
		}
	}

	/**
	 * One pass as of {@code now}: releases the reservations made at or before {@code now} less the expiry, at most a
	 * batch of them (the next pass takes the rest); returns how many it released.
	 */
	int expireDue(Instant now) {
		Instant cutoff = now.minus(this.settings.expiry());
		int tried = 0;
		int released = 0;
		try {
			List<OpenReservations> due = this.productRepository.findReservedBefore(cutoff, this.settings.batchSize());
			for (OpenReservations product : due) {
				for (Reservation reservation : product.reservations()) {
					if (reservation.reservedAt() == null || reservation.reservedAt().isAfter(cutoff)) {
						continue; // a younger reservation of the same product
					}
					if (tried++ == this.settings.batchSize()) {
						return released;
					}
					if (expire(product.productId(), reservation, cutoff)) {
						released++;
					}
				}
			}
		}
		catch (DataAccessException ex) {
			// MongoDB down, most likely: the next pass goes on where this one stopped.
			log.warn("Could not release expired reservations: {}", ex.toString());
		}
		return released;
	}

	private boolean expire(String productId, Reservation reservation, Instant cutoff) {
		// Each release gets a request id of its own, as a request's would: its stock movement and log lines carry it.
		MDC.put(RequestIds.MDC_KEY, RequestIds.generate());
		try {
			if (!this.inventory.expire(productId, reservation.orderId(), cutoff)) {
				return false; // committed or released by its order meanwhile, or by another instance's pass
			}
			this.expired.increment();
			log.info("The reservation of order {} on product {} (quantity {}, made at {}) expired; released",
					reservation.orderId(), productId, reservation.quantity(), reservation.reservedAt());
			return true;
		}
		catch (DataAccessException ex) {
			throw ex; // the store, not this reservation: the pass stops (expireDue)
		}
		catch (RuntimeException ex) {
			// "Changing too fast" (the product under contention) or the like: the next pass tries again.
			log.warn("Could not release the expired reservation of order {} on product {} yet: {}",
					reservation.orderId(), productId, ex.toString());
			return false;
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
