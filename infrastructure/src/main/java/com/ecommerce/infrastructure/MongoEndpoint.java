package com.ecommerce.infrastructure;

/** Where a MongoDB server answers, as a connection string (without a database). */
public record MongoEndpoint(String uri) {
}
