package com.ecommerce.product;

import java.util.List;

import org.springframework.data.annotation.Id;

/** A product's open reservations, and nothing else of it: what the reservation expiry reads. */
record OpenReservations(@Id String productId, List<Reservation> reservations) {

}
