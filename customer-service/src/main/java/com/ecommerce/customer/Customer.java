package com.ecommerce.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import com.ecommerce.shared.cache.Versioned;
import com.ecommerce.shared.web.PageQuery;

/**
 * A customer as stored in {@code customers} and returned by the API. {@code version} counts the writes to the
 * document; the cache uses it to never keep an older copy over a newer one. The email is stored lower-cased, so its
 * unique index makes it unique whatever the case, under concurrent creates too, without any lock.
 */
@Document("customers")
@CompoundIndex(name = "createdAt_desc", def = "{'createdAt': -1, '_id': -1}")
public record Customer(@Id String customerId, String firstName, String lastName,
		@Indexed(name = "email_unique", unique = true) String email, String phone, Address address, Instant createdAt,
		Instant updatedAt, @JsonIgnore long version) implements Versioned {

	static final String EMAIL = "email";

	static final String CREATED_AT = "createdAt";

	static final String UPDATED_AT = "updatedAt";

	static final String VERSION = "version";

	static final Sort NEWEST_FIRST = PageQuery.newestFirst(CREATED_AT);

}
