package com.ecommerce.shared.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import com.ecommerce.shared.messaging.QueueType;

/**
 * Settings every service shares, under {@code ecommerce.*}. The seed's environment variables map onto them in
 * {@code ecommerce-defaults.properties} ({@code CORS_ORIGIN} → {@code ecommerce.cors.allowed-origins}).
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(@DefaultValue Cors cors, @DefaultValue Http http, @DefaultValue Cache cache,
		@DefaultValue Mongo mongo, @DefaultValue Messaging messaging,
		@DefaultValue Idempotency idempotency, @DefaultValue Shutdown shutdown) {

	/** Origins allowed to call from a browser; {@code *} allows any origin, but then never with credentials. */
	public record Cors(@DefaultValue("http://localhost:3000") List<String> allowedOrigins) {
	}

	/** Largest request body accepted; more is a 413. {@code client}: calls to other services. */
	public record Http(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue Client client) {

		/**
		 * Time-outs of calls between services. Connecting is quick on a working network, so a short connect
		 * time-out finds a dead instance fast (and the call is safe to retry: nothing was sent); the read time-out
		 * bounds how long one attempt may hold a caller. A downstream given as several instances has each asked
		 * {@code /readyz} every {@code healthCheckInterval}, which must stay well under
		 * {@code ecommerce.shutdown.drain}, so that an instance shutting down leaves the rotation while it still serves.
		 */
		public record Client(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
				@DefaultValue("2s") Duration healthCheckInterval) {
		}

	}

	/**
	 * How long a cached read may live in Redis (writes replace it sooner), and how long to leave Redis alone after it
	 * failed to answer.
	 */
	public record Cache(@DefaultValue("10m") Duration ttl, @DefaultValue("5s") Duration pauseAfterFailure) {
	}

	/**
	 * How long a publisher waits for the broker to confirm a message before it keeps the message for a retry, and
	 * which type of queue {@code transaction.save} is ({@link QueueType}).
	 */
	public record Messaging(@DefaultValue("5s") Duration confirmTimeout, @DefaultValue("auto") QueueType queueType) {
	}

	/**
	 * How long a stopping instance goes on serving with its readiness down, so that load balancers stop sending it
	 * requests before it refuses them ({@code ShutdownDrain}). Longer than the balancers' readiness checks take to
	 * notice: order-service's {@code ecommerce.http.client.health-check-interval}, the gateway's, Kubernetes'.
	 */
	public record Shutdown(@DefaultValue("5s") Duration drain) {
	}

	/**
	 * {@code IdempotentRequests}: how long a key answers with its resource, how long a repeat waits for the first
	 * request to bind the key before a 409, after how long a key still unbound is taken to belong to a request that
	 * died (its instance crashed) and may be taken over, and how often expired keys are removed where no TTL index
	 * does it.
	 */
	public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("2s") Duration inFlightWait,
			@DefaultValue("30s") Duration lease, @DefaultValue("10m") Duration cleanupInterval) {
	}

	/**
	 * How long to wait for MongoDB before failing. The driver's default is 30 s, which would make every request and
	 * every readiness probe hang that long during an outage instead of answering 503.
	 */
	public record Mongo(@DefaultValue("2s") Duration serverSelectionTimeout, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("10s") Duration readTimeout) {
	}

}
