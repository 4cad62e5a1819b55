package com.ecommerce.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of one service as configured, a base URL each: where the load balancer starts from. In Kubernetes one
 * URL names a Service, which spreads the calls itself; locally each instance of {@code scripts/stack} has its own.
 */
record Upstream(String serviceId, List<ServiceInstance> instances) implements ServiceInstanceListSupplier {

	static Upstream of(String serviceId, List<URI> baseUrls) {
		if (baseUrls == null || baseUrls.isEmpty()) {
			throw new IllegalStateException("No instances of " + serviceId + ": set gateway.upstreams." + serviceId);
		}
		List<ServiceInstance> instances = new ArrayList<>();
		for (URI url : baseUrls) {
			boolean secure = "https".equalsIgnoreCase(url.getScheme());
			int port = (url.getPort() != -1) ? url.getPort() : (secure ? 443 : 80);
			if (url.getHost() == null) {
				throw new IllegalStateException("Not a base URL for " + serviceId + ": " + url);
			}
			instances.add(new DefaultServiceInstance(url.getHost() + ":" + port, serviceId, url.getHost(), port, secure));
		}
		return new Upstream(serviceId, List.copyOf(instances));
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.just(this.instances);
	}

}
