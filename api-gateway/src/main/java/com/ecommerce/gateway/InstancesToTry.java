package com.ecommerce.gateway;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * What the round robin chooses from, for one request: the instances that passed their last health check, less those
 * this request already tried (a retry goes elsewhere) and those that just refused a connection. When that leaves none
 * it gives way, in that order, rather than refuse the request; and when no instance passed its check (or none has
 * been checked yet) all of them are tried: a check can fail on a busy but working instance, and a dead one refuses in
 * a millisecond.
 * <p>
 * It keeps the health check's latest list itself, from one subscription of its own, instead of handing each request
 * the health check's shared flux: a request takes the first list and cancels, and Reactor's {@code refCount} misses
 * that cancel, so the checks would outlive their load balancer (and hold up every shutdown).
 */
class InstancesToTry extends DelegatingServiceInstanceListSupplier {

	private final List<ServiceInstance> all;

	private final SuspectInstances suspects;

	private volatile List<ServiceInstance> healthy = List.of();

	private Disposable checks;

	InstancesToTry(ServiceInstanceListSupplier healthChecked, List<ServiceInstance> all, SuspectInstances suspects) {
		super(healthChecked);
		this.all = all;
		this.suspects = suspects;
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		super.afterPropertiesSet();
		this.checks = getDelegate().get().subscribe((healthy) -> this.healthy = healthy);
	}

	@Override
	public void destroy() throws Exception {
		if (this.checks != null) {
			this.checks.dispose();
		}
		super.destroy();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> Flux.just(choose(this.healthy, Set.of())));
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return Flux.defer(() -> Flux.just(choose(this.healthy, tried(request))));
	}

	List<ServiceInstance> choose(List<ServiceInstance> healthy, Set<URI> tried) {
		List<ServiceInstance> candidates = healthy.isEmpty() ? this.all : healthy;
		Predicate<ServiceInstance> untried = (instance) -> !tried.contains(instance.getUri());
		List<ServiceInstance> best = candidates.stream()
			.filter(untried.and((instance) -> !this.suspects.isSuspect(instance)))
			.toList();
		if (!best.isEmpty()) {
			return best;
		}
		List<ServiceInstance> untriedOnes = candidates.stream().filter(untried).toList();
		return untriedOnes.isEmpty() ? candidates : untriedOnes;
	}

	@SuppressWarnings("unchecked")
	private static Set<URI> tried(Request<?> request) {
		if (request != null && request.getContext() instanceof RequestDataContext context
				&& context.getClientRequest() != null && context.getClientRequest().getAttributes() != null) {
			Object tried = context.getClientRequest().getAttributes().get(UpstreamRetry.TRIED_ATTRIBUTE);
			if (tried instanceof Set<?> set) {
				return (Set<URI>) set;
			}
		}
		return Set.of();
	}

}
