package com.ecommerce.product;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code product.*}: how long a reservation may stay open, and the job that releases those left open longer. */
@ConfigurationProperties("product")
public record ProductProperties(@DefaultValue Reservations reservations) {

	/**
	 * A reservation that its order neither commits nor releases within {@code expiry} of being made is released by
	 * product-service itself ({@link ReservationExpiry}), so stock held under an order id that never comes back (its
	 * order-service crashed for good, or no order ever had that id) returns to sale. The job looks every
	 * {@code sweepInterval} and releases at most {@code batchSize} reservations a pass. Keep the expiry far above the
	 * time an order may legitimately hold its reservation: order-service's recovery time-out, plus any outage it has
	 * to ride out before it commits.
	 */
	public record Reservations(@DefaultValue("15m") Duration expiry, @DefaultValue("30s") Duration sweepInterval,
			@DefaultValue("500") int batchSize) {

		public Reservations {
			if (!expiry.isPositive()) {
				throw new IllegalArgumentException("product.reservations.expiry must be positive, not " + expiry);
			}
		}

	}

}
