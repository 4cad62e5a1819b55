package com.ecommerce.shared.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings every service shares, under {@code ecommerce.*}. The seed's environment variables map onto them in
 * {@code ecommerce-defaults.properties} ({@code CORS_ORIGIN} → {@code ecommerce.cors.allowed-origins}).
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(@DefaultValue Cors cors, @DefaultValue Http http, @DefaultValue Cache cache,
		@DefaultValue Mongo mongo, @DefaultValue Messaging messaging) {

	/** Origins allowed to call from a browser; {@code *} allows any origin, but then never with credentials. */
	public record Cors(@DefaultValue("http://localhost:3000") List<String> allowedOrigins) {
	}

	/** Largest request body accepted; more is a 413. */
	public record Http(@DefaultValue("1MB") DataSize maxBodySize) {
	}

	/**
	 * How long a cached read may live in Redis (writes replace it sooner), and how long to leave Redis alone after it
	 * failed to answer.
	 */
	public record Cache(@DefaultValue("10m") Duration ttl, @DefaultValue("5s") Duration pauseAfterFailure) {
	}

	/** How long a publisher waits for the broker to confirm a message before it keeps the message for a retry. */
	public record Messaging(@DefaultValue("5s") Duration confirmTimeout) {
	}

	/**
	 * How long to wait for MongoDB before failing. The driver's default is 30 s, which would make every request and
	 * every readiness probe hang that long during an outage instead of answering 503.
	 */
	public record Mongo(@DefaultValue("2s") Duration serverSelectionTimeout, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("10s") Duration readTimeout) {
	}

}
