package com.ecommerce.product;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The {@code restocks} collection, read and written by id only. */
interface RestockRepository extends MongoRepository<Restock, String> {

}
