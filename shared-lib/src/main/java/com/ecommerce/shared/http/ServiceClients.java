package com.ecommerce.shared.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Makes the {@link ServiceClient}s of a service. All of them share one JDK {@link HttpClient}, so connections to
 * each downstream are pooled and kept alive across calls. HTTP/1.1 is forced: the JDK client would otherwise try an
 * h2c upgrade on every new connection, which the services don't speak. Retries and circuit breakers come from
 * Resilience4j's registries, so {@code resilience4j.*.instances.<service>.*} tunes one downstream. A downstream is one
 * base URL or several instances' ({@link Instances}).
 */
public class ServiceClients implements AutoCloseable {

	/** How soon to come back after a failed call while the circuit is still closed: the retries just failed. */
	private static final Duration RETRY_AFTER_WHEN_CLOSED = Duration.ofSeconds(2);

	private final HttpClient http;

	private final RestClient.Builder builder;

	private final JsonMapper json;

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final Duration healthCheckInterval;

	private final List<Instances> instances = new CopyOnWriteArrayList<>();

	/**
	 * @param builder Boot's builder, which carries the request id and trace interceptor
	 * @param json the application's mapper; a lenient copy reads answers, since a downstream may add fields this
	 * service doesn't know yet, and that must not break the call
	 * @param healthCheckInterval how often the instances of a downstream that has several are asked {@code /readyz}
	 */
	public ServiceClients(RestClient.Builder builder, JsonMapper json, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, Duration connectTimeout, Duration readTimeout, Duration healthCheckInterval) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(this.http);
		requestFactory.setReadTimeout(readTimeout);
		this.builder = builder.clone().requestFactory(requestFactory);
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.healthCheckInterval = healthCheckInterval;
	}

	/**
	 * A client for the downstream at {@code baseUrls}, as the HTTP interface {@code api} declares it
	 * ({@code @HttpExchange} methods returning the {@code data} of the answer). {@code name} (such as
	 * {@code product-service}) names its retry and circuit breaker, so clients made with the same name share one
	 * circuit.
	 * @param baseUrls the downstream's base URL, or its instances' separated by commas
	 */
	public <T> T create(Class<T> api, String name, String baseUrls) {
		Instances instances = Instances.of(name, baseUrls, this.http, this.healthCheckInterval);
		this.instances.add(instances);
		Map<String, RestClient> rests = instances.urls()
			.stream()
			.collect(Collectors.toMap(Function.identity(),
					// Every status is an answer to read, 4xx and 5xx too: the client then reads an error's body as
					// it reads any other, so a body that can't be read (a time-out halfway) fails the call as no
					// answer, instead of passing for an error answer without its body, whose code would be lost.
					(url) -> this.builder.clone().baseUrl(url).defaultStatusHandler((status) -> true, (request, response) -> {
					}).build()));
		ServiceClient client = new ServiceClient(name, instances, rests, this.json,
				this.circuitBreakers.circuitBreaker(name), this.retries.retry(name), RETRY_AFTER_WHEN_CLOSED);
		return HttpServiceProxyFactory.builderFor(client).build().createClient(api);
	}

	@Override
	public void close() {
		this.instances.forEach(Instances::close);
		this.http.close();
	}

}
