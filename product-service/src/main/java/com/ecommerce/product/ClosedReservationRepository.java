package com.ecommerce.product;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The {@code closed_reservations} collection, read and written by id only. */
interface ClosedReservationRepository extends MongoRepository<ClosedReservation, String> {

}
