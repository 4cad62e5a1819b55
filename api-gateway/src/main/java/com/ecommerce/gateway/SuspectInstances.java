package com.ecommerce.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances that just refused a connection. The health check finds a dead instance within one interval; until then
 * every request the round robin sends there would pay a failed connect and a retry. So an instance that refuses one
 * is left out for one interval, by which time the health check has looked again.
 */
class SuspectInstances {

	private static final Logger log = LoggerFactory.getLogger(SuspectInstances.class);

	private final Map<URI, Long> until = new ConcurrentHashMap<>();

	private final long suspectNanos;

	SuspectInstances(Duration suspectFor) {
		this.suspectNanos = suspectFor.toNanos();
	}

	void suspect(ServiceInstance instance) {
		long now = System.nanoTime();
		Long before = this.until.put(instance.getUri(), now + this.suspectNanos);
		if (before == null || now - before >= 0) {
			log.warn("{} at {} refused a connection: left out for {} ms", instance.getServiceId(), instance.getUri(),
					this.suspectNanos / 1_000_000);
		}
	}

	boolean isSuspect(ServiceInstance instance) {
		Long deadline = this.until.get(instance.getUri());
		if (deadline == null) {
			return false;
		}
		if (System.nanoTime() - deadline >= 0) {
			this.until.remove(instance.getUri(), deadline);
			return false;
		}
		return true;
	}

}
