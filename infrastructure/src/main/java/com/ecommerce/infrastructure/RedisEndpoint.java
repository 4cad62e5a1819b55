package com.ecommerce.infrastructure;

/** Where a Redis server answers; {@code password} is null when it needs none. */
public record RedisEndpoint(String host, int port, String password) {

	public boolean hasPassword() {
		return password != null && !password.isEmpty();
	}
}
