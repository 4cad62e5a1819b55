package com.ecommerce.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import com.ecommerce.shared.error.ErrorCode;

/**
 * Sends a request again, to another instance while there is one, when doing so cannot make anything happen twice:
 * <ul>
 * <li>any request whose connection was refused or never made: it reached no instance;</li>
 * <li>a request whose connection was cut before any answer (an instance killed as it worked) only when repeating it
 * is safe: GET, HEAD, OPTIONS, or a write with an {@code Idempotency-Key}, which the services answer once however
 * often it comes. Another write may have been carried out; the client gets a 503 and decides. (A pooled connection
 * the instance had closed before the request went out is retried by Reactor Netty itself.)</li>
 * <li>a GET or HEAD answered 502, 503 or 504, once.</li>
 * </ul>
 * Each request is tried {@code gateway.max-attempts} times at most. An instance that refused a connection is
 * left out for a while ({@link SuspectInstances}); the instances a request tried are left out of its next try
 * ({@link InstancesToTry}). A time-out is never retried: the instance may still be working on it.
 * <p>
 * A body is read into memory first (at most {@code gateway.max-body-size}, else 413), since a retry sends it again.
 * This filter runs before the route's {@code lb://} address is resolved, so that each try chooses its instance anew.
 */
class UpstreamRetry implements GlobalFilter, Ordered {

	static final String TRIED_ATTRIBUTE = UpstreamRetry.class.getName() + ".tried";

	private static final Logger log = LoggerFactory.getLogger(UpstreamRetry.class);

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Set<HttpStatus> RETRIED_STATUSES = Set.of(HttpStatus.BAD_GATEWAY,
			HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT);

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final SuspectInstances suspects;

	private final int maxAttempts;

	private final int maxBodyBytes;

	UpstreamRetry(SuspectInstances suspects, int maxAttempts, long maxBodyBytes) {
		this.suspects = suspects;
		this.maxAttempts = maxAttempts;
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
	}

	@Override
	public int getOrder() {
		return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		exchange.getAttributes().put(TRIED_ATTRIBUTE, ConcurrentHashMap.<URI>newKeySet());
		return replayable(exchange).flatMap((replayable) -> attempt(replayable, chain, 1, false));
	}

	private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int attempt,
			boolean repeatedOnStatus) {
		exchange.getAttributes().remove(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		return chain.filter(exchange)
			.then(Mono.fromSupplier(Optional::<Throwable>empty))
			.onErrorResume((error) -> Mono.just(Optional.of(error)))
			.flatMap((failure) -> afterAttempt(exchange, chain, attempt, repeatedOnStatus, failure.orElse(null)));
	}

	private Mono<Void> afterAttempt(ServerWebExchange exchange, GatewayFilterChain chain, int attempt,
			boolean repeatedOnStatus, Throwable failure) {
		ServiceInstance instance = instanceOf(exchange);
		if (instance != null) {
			tried(exchange).add(instance.getUri());
			if (failure != null && neverReached(failure)) {
				this.suspects.suspect(instance);
			}
		}
		boolean again;
		if (failure != null) {
			again = neverReached(failure) || (cutBeforeAnswer(failure) && safeToRepeat(exchange.getRequest()));
		}
		else {
			again = !repeatedOnStatus && repeatableAnswer(exchange);
		}
		if (!again || attempt >= this.maxAttempts) {
			return (failure != null) ? Mono.error(failure) : Mono.empty();
		}
		log.debug("Trying {} {} again after {} from {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(),
				(failure != null) ? failure.toString() : exchange.getResponse().getStatusCode(),
				(instance != null) ? instance.getUri() : "no instance");
		ServerWebExchangeUtils.reset(exchange);
		return attempt(exchange, chain, attempt + 1, repeatedOnStatus || failure == null);
	}

	/** The connection was never made: nothing reached the instance. */
	private static boolean neverReached(Throwable failure) {
		return GatewayErrors.causedBy(failure, ConnectException.class);
	}

	/** The connection went before any answer came: the instance may or may not have acted. */
	private static boolean cutBeforeAnswer(Throwable failure) {
		return GatewayErrors.causedBy(failure, IOException.class);
	}

	private static boolean safeToRepeat(ServerHttpRequest request) {
		return SAFE.contains(request.getMethod()) || request.getHeaders().containsHeader(IDEMPOTENCY_KEY);
	}

	private static boolean repeatableAnswer(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (method == HttpMethod.GET || method == HttpMethod.HEAD) && status != null
				&& RETRIED_STATUSES.contains(HttpStatus.resolve(status.value()));
	}

	private static ServiceInstance instanceOf(ServerWebExchange exchange) {
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		return (chosen != null && chosen.hasServer()) ? chosen.getServer() : null;
	}

	private static Set<URI> tried(ServerWebExchange exchange) {
		return exchange.getRequiredAttribute(TRIED_ATTRIBUTE);
	}

	/** The exchange with a request whose body can be sent more than once. */
	private Mono<ServerWebExchange> replayable(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (headers.getContentLength() > this.maxBodyBytes) {
			return Mono.error(tooLarge());
		}
		if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return Mono.just(exchange);
		}
		return DataBufferUtils.join(request.getBody(), this.maxBodyBytes)
			.map(UpstreamRetry::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map((body) -> exchange.mutate().request(new ReplayableRequest(request, body)).build());
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private GatewayException tooLarge() {
		return new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE,
				"Request body larger than " + this.maxBodyBytes + " bytes", null);
	}

	/** A request whose body, held in memory, is sent again with every try. */
	private static final class ReplayableRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		ReplayableRequest(ServerHttpRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
