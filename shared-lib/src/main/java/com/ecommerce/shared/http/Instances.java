package com.ecommerce.shared.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

/**
 * Where the attempts of calls to one downstream go: its base URLs, from a comma-separated list. One URL (a Kubernetes
 * Service, a compose service name, a single process) is every attempt's, with nothing else involved. Several are
 * instances of the service, and Spring Cloud LoadBalancer spreads the attempts over them: round robin over the
 * instances whose {@code /readyz} answered 200 at the last health check (every {@code healthCheckInterval}), so an
 * instance that stops, or that is shutting down (readiness goes down first), leaves the rotation. An attempt that
 * got no answer from an instance takes it out until the next check finds it ready, and a call's retry goes to an
 * instance it hasn't tried yet while there is one. With no instance ready every one is tried: the readiness checks
 * include the stores, and an instance whose Redis is out still serves.
 */
final class Instances implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Instances.class);

	static final String HEALTH_PATH = "/readyz";

	private final String name;

	private final List<String> urls;

	private final List<ServiceInstance> all;

	// The instances in rotation: the last health check's ready ones, less those that failed since.
	private final AtomicReference<List<ServiceInstance>> ready;

	// The last health check's ready ones, to log what changed.
	private volatile List<ServiceInstance> lastChecked;

	private final ReactiveLoadBalancer<ServiceInstance> balancer;

	private final HealthCheckServiceInstanceListSupplier healthCheck;

	private final Disposable checking;

	private Instances(String name, List<String> urls, HttpClient http, Duration healthCheckInterval) {
		this.name = name;
		this.urls = urls;
		this.all = urls.stream().map((url) -> instance(name, url)).toList();
		this.ready = new AtomicReference<>(this.all);
		this.lastChecked = this.all;
		if (urls.size() == 1) {
			this.balancer = null;
			this.healthCheck = null;
			this.checking = null;
			return;
		}
		this.balancer = new RoundRobinLoadBalancer(provider(new InRotation()), name);
		this.healthCheck = new HealthCheckServiceInstanceListSupplier(ServiceInstanceListSuppliers.from(name,
				this.all.toArray(ServiceInstance[]::new)), new Settings(healthChecks(healthCheckInterval)),
				(instance, path) -> ready(http, instance, path, healthCheckInterval));
		this.checking = this.healthCheck.get().subscribe(this::checked);
	}

	/**
	 * @param urls one base URL, or several separated by commas
	 * @param http the client the health checks use
	 */
	static Instances of(String name, String urls, HttpClient http, Duration healthCheckInterval) {
		List<String> list = parse(urls);
		if (list.size() > 1) {
			if (!healthCheckInterval.isPositive()) {
				throw new IllegalArgumentException("The health-check interval must be positive: " + healthCheckInterval);
			}
			log.info("{}: {} instances, {} checked every {}", name, list.size(), HEALTH_PATH, healthCheckInterval);
		}
		return new Instances(name, list, http, healthCheckInterval);
	}

	static List<String> parse(String urls) {
		List<String> list = List.copyOf(new LinkedHashSet<>(Arrays.stream(urls.split(","))
			.map(String::trim)
			.filter((url) -> !url.isEmpty())
			.toList()));
		if (list.isEmpty()) {
			throw new IllegalArgumentException("No base URL given: '" + urls + "'");
		}
		for (String url : list) {
			URI uri = URI.create(url);
			if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new IllegalArgumentException("Not an http(s) base URL: '" + url + "'");
			}
		}
		return list;
	}

	List<String> urls() {
		return this.urls;
	}

	/**
	 * The base URL of the instance for the next attempt of a call: one in rotation that the call hasn't tried, else
	 * one out of it that the call hasn't tried (it may be draining, still serving), else any in rotation.
	 * @param tried the instances this call's attempts failed on
	 */
	String next(Set<String> tried) {
		if (this.balancer == null) {
			return this.urls.getFirst();
		}
		Response<ServiceInstance> chosen = Mono.from(this.balancer.choose(new DefaultRequest<>(new Tried(tried))))
			.block();
		return chosen.getServer().getInstanceId();
	}

	/** Whether an instance that this call hasn't tried is left besides {@code url}. */
	boolean anotherUntried(String url, Set<String> tried) {
		return this.urls.stream().anyMatch((other) -> !other.equals(url) && !tried.contains(other));
	}

	/** An attempt got no answer from the instance: out of rotation until the next health check finds it ready. */
	void noAnswer(String url) {
		if (this.balancer != null) {
			this.ready.updateAndGet((instances) -> instances.stream()
				.filter((instance) -> !instance.getInstanceId().equals(url))
				.toList());
		}
	}

	private void checked(List<ServiceInstance> answered) {
		// In the order given: the checks list them as they answer, which would upset the round robin's alternation.
		List<ServiceInstance> ready = this.all.stream().filter(answered::contains).toList();
		this.ready.set(ready);
		List<ServiceInstance> before = this.lastChecked;
		this.lastChecked = ready;
		for (ServiceInstance instance : this.all) {
			if (before.contains(instance) && !ready.contains(instance)) {
				log.info("{} at {} left the rotation: {} does not answer 200", this.name, instance.getInstanceId(),
						HEALTH_PATH);
			}
			else if (!before.contains(instance) && ready.contains(instance)) {
				log.info("{} at {} is back in the rotation", this.name, instance.getInstanceId());
			}
		}
		if (ready.isEmpty() && !before.isEmpty()) {
			log.warn("{}: no instance answers {} with 200; calls go to all of them", this.name, HEALTH_PATH);
		}
	}

	@Override
	public void close() {
		if (this.checking != null) {
			this.checking.dispose();
			this.healthCheck.destroy();
		}
	}

	private static ServiceInstance instance(String name, String url) {
		URI uri = URI.create(url);
		boolean secure = "https".equals(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		// The base URL is the instance's id: it is what an attempt is sent to, path included.
		return new DefaultServiceInstance(url, name, uri.getHost(), port, secure);
	}

	private static LoadBalancerProperties healthChecks(Duration interval) {
		LoadBalancerProperties properties = new LoadBalancerProperties();
		LoadBalancerProperties.HealthCheck check = properties.getHealthCheck();
		check.setPath(Map.of("default", HEALTH_PATH));
		check.setInterval(interval);
		check.setInitialDelay(Duration.ZERO);
		check.setRepeatHealthCheck(true);
		check.setRefetchInstances(false); // the list is fixed
		check.setUpdateResultsList(false); // one whole list per round, not a list growing as answers come
		return properties;
	}

	/** Ready when {@code /readyz} on the instance's own host and port answers 200 within the interval. */
	private static Mono<Boolean> ready(HttpClient http, ServiceInstance instance, String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(instance.getUri().resolve(path)).timeout(timeout).GET().build();
		return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
			.map((response) -> response.statusCode() == 200);
	}

	private static ObjectProvider<ServiceInstanceListSupplier> provider(ServiceInstanceListSupplier supplier) {
		return new ObjectProvider<>() {
			@Override
			public ServiceInstanceListSupplier getObject() {
				return supplier;
			}
		};
	}

	/** The instances of one call: those in rotation, less those it tried; all in rotation once it tried them all. */
	private final class InRotation implements ServiceInstanceListSupplier {

		@Override
		public String getServiceId() {
			return Instances.this.name;
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.just(inRotation());
		}

		@Override
		@SuppressWarnings("rawtypes")
		public Flux<List<ServiceInstance>> get(Request request) {
			List<ServiceInstance> candidates = inRotation();
			if (request.getContext() instanceof Tried(Set<String> tried) && !tried.isEmpty()) {
				List<ServiceInstance> untried = new ArrayList<>(candidates);
				untried.removeIf((instance) -> tried.contains(instance.getInstanceId()));
				if (untried.isEmpty()) {
					// In rotation means it answered its last check: an instance this call hasn't tried may be there.
					untried = new ArrayList<>(Instances.this.all);
					untried.removeIf((instance) -> tried.contains(instance.getInstanceId()));
				}
				if (!untried.isEmpty()) {
					candidates = untried;
				}
			}
			return Flux.just(candidates);
		}

		private List<ServiceInstance> inRotation() {
			List<ServiceInstance> ready = Instances.this.ready.get();
			return ready.isEmpty() ? Instances.this.all : ready;
		}

	}

	/** The load balancer's request context: the instances the call's attempts already failed on. */
	private record Tried(Set<String> tried) {
	}

	/** Hands Spring Cloud's health check its settings; this class makes the load balancer itself. */
	private record Settings(LoadBalancerProperties properties) implements ReactiveLoadBalancer.Factory<ServiceInstance> {

		@Override
		public LoadBalancerProperties getProperties(String serviceId) {
			return this.properties;
		}

		@Override
		public ReactiveLoadBalancer<ServiceInstance> getInstance(String serviceId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public <X> Map<String, X> getInstances(String name, Class<X> type) {
			throw new UnsupportedOperationException();
		}

		@Override
		public <X> X getInstance(String name, Class<?> clazz, Class<?>... generics) {
			throw new UnsupportedOperationException();
		}

	}

}
