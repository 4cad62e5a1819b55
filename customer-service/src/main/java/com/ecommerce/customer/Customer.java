package com.ecommerce.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer as stored in {@code customers} and returned by the API. {@code version} counts the writes to the
 * document; the cache uses it to never keep an older copy over a newer one.
 */
@Document("customers")
public record Customer(@Id String customerId, String firstName, String lastName, String email, String phone,
		Address address, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {

	static final String EMAIL = "email";

	static final String CREATED_AT = "createdAt";

	static final String UPDATED_AT = "updatedAt";

	static final String VERSION = "version";

}
