package com.ecommerce.shared.http;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;

import com.ecommerce.shared.error.ErrorCode;

/**
 * Calls one downstream service, speaking the API contract, behind the HTTP interfaces ({@code @HttpExchange}) a
 * service declares for its downstreams: success envelopes are unwrapped to their {@code data}, error envelopes become
 * a {@link DownstreamException}, and an outage becomes a {@link ServiceUnavailableException}.
 * <p>
 * The circuit breaker wraps each attempt and the retry wraps the circuit breaker. Recording every attempt lets a
 * dead service open the circuit after a couple of calls rather than after five fully retried ones, and once it is
 * open the remaining attempts of a call stop at once instead of waiting out their back-off for nothing. The circuit
 * counts only what says the service is down or overloaded (no connection, a time-out, 502, 503, 504): a 500 says one
 * request breaks it, so it is retried and passed on, but one broken order or product can't shut the service off for
 * every other caller.
 * <p>
 * The circuit is the service's, not an instance's. With several instances ({@link Instances}) each attempt goes to
 * one of them and a retry to another, so an outage of one instance is not the service's while the call still has an
 * instance to try: that attempt is not recorded, and the retry's outcome is. Only an attempt that fails with no
 * instance left untried counts toward opening the circuit. So a dead instance costs a call one retry, never its
 * outcome, and never opens the circuit while another instance answers; with every instance dead the circuit opens as
 * it does for one. With one URL every attempt is recorded, as ever.
 * Made by {@link ServiceClients#create}, which puts an interface in front of it.
 */
class ServiceClient implements HttpExchangeAdapter {

	private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

	private static final ParameterizedTypeReference<byte[]> BYTES = new ParameterizedTypeReference<>() {
	};

	private final String name;

	private final Instances instances;

	// One adapter per instance, by base URL.
	private final Map<String, HttpExchangeAdapter> http = new LinkedHashMap<>();

	private final JsonMapper json;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Duration retryAfterWhenClosed;

	/** @param rests a client per instance, by base URL: every one of {@code instances} */
	ServiceClient(String name, Instances instances, Map<String, RestClient> rests, JsonMapper json,
			CircuitBreaker circuitBreaker, Retry retry, Duration retryAfterWhenClosed) {
		this.name = name;
		this.instances = instances;
		for (String url : instances.urls()) {
			this.http.put(url, RestClientAdapter.create(rests.get(url)));
		}
		this.json = json;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.retryAfterWhenClosed = retryAfterWhenClosed;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return this.http.values().iterator().next().supportsRequestAttributes();
	}

	@Override
	public void exchange(HttpRequestValues request) {
		call(request);
	}

	@Override
	public HttpHeaders exchangeForHeaders(HttpRequestValues request) {
		return call(request).headers();
	}

	@Override
	public <T> T exchangeForBody(HttpRequestValues request, ParameterizedTypeReference<T> bodyType) {
		return data(call(request), bodyType);
	}

	@Override
	public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues request) {
		Answer answer = call(request);
		return ResponseEntity.status(answer.status()).headers(answer.headers()).build();
	}

	@Override
	public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues request, ParameterizedTypeReference<T> bodyType) {
		Answer answer = call(request);
		return ResponseEntity.status(answer.status()).headers(answer.headers()).body(data(answer, bodyType));
	}

	/** A 2xx answer, after retries; a 4xx is thrown as the downstream's error, an outage as this service's 503. */
	private Answer call(HttpRequestValues request) {
		Retry.Context<Object> attempts = this.retry.context();
		boolean mayHaveBeenProcessed = false;
		boolean outage = true; // until the downstream answers an attempt with an error of its own
		Set<String> tried = new HashSet<>(); // the instances whose attempt failed
		while (true) {
			String instance = this.instances.next(tried);
			Answer answer;
			try {
				answer = attemptThroughCircuit(request, instance, this.instances.anotherUntried(instance, tried));
			}
			catch (CallNotPermittedException ex) {
				throw unavailable(mayHaveBeenProcessed, true);
			}
			catch (AttemptFailedException ex) {
				mayHaveBeenProcessed |= ex.mayHaveBeenProcessed();
				outage = ex.outage();
				tried.add(instance);
				log.debug("Call to {} at {} failed: {}", this.name, instance, ex.getMessage());
				try {
					attempts.onRuntimeError(ex); // waits out the back-off, or throws when attempts are exhausted
				}
				catch (AttemptFailedException exhausted) {
					log.warn("{} is unavailable: {}", this.name, ex.getMessage());
					throw unavailable(mayHaveBeenProcessed, outage);
				}
				continue;
			}
			attempts.onComplete();
			if (!answer.isSuccess()) {
				throw downstreamError(answer, mayHaveBeenProcessed);
			}
			return answer;
		}
	}

	/**
	 * One attempt, recorded by the circuit breaker when it succeeds or fails by an outage, unless it is the outage
	 * of one instance while another is left to try.
	 */
	private Answer attemptThroughCircuit(HttpRequestValues request, String instance, boolean anotherUntried) {
		this.circuitBreaker.acquirePermission();
		long begin = System.nanoTime();
		try {
			Answer answer = attempt(request, instance);
			this.circuitBreaker.onSuccess(System.nanoTime() - begin, TimeUnit.NANOSECONDS);
			return answer;
		}
		catch (AttemptFailedException ex) {
			if (ex.outage() && !anotherUntried) {
				this.circuitBreaker.onError(System.nanoTime() - begin, TimeUnit.NANOSECONDS, ex);
			}
			else {
				this.circuitBreaker.releasePermission(); // neither a success nor a sign of an outage
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			this.circuitBreaker.releasePermission();
			throw ex;
		}
	}

	/** One HTTP exchange. Only failures throw; every answer below 500, 4xx included, is a working service's. */
	private Answer attempt(HttpRequestValues request, String instance) {
		Answer answer;
		try {
			ResponseEntity<byte[]> response = this.http.get(instance).exchangeForEntity(request, BYTES);
			answer = new Answer(response.getStatusCode().value(), response.getHeaders(), response.getBody());
		}
		catch (RestClientException ex) {
			if (ex.getCause() instanceof CredentialsUnavailableException noToken) {
				// Never sent, and auth-service's trouble, not the downstream's: no circuit opens for it.
				throw new AttemptFailedException(noToken.getMessage(), ex, false, false);
			}
			// No answer, or one cut short (the connection dropped while the body was read): an outage, and unless no
			// connection was ever made, the request may have been acted on.
			String reason = ex.getMessage() + " (" + ex.getMostSpecificCause().getClass().getSimpleName() + ")";
			this.instances.noAnswer(instance);
			throw new AttemptFailedException(reason, ex, !failedToConnect(ex), true);
		}
		int status = answer.status();
		if (status == 401 || status == 403) {
			// The downstream refused this service's own token: this service's fault (or auth-service's), never the
			// caller's, so it must not reach the caller as their 401/403. A 401 has dropped the token (see
			// ServiceCredentials), so the next attempt carries a fresh one.
			throw new AttemptFailedException(this.name + " refused this service's credentials (" + status + ")", null,
					false, false);
		}
		if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
			boolean outage = status == 502 || status == 503 || status == 504;
			throw new AttemptFailedException(this.name + " answered " + status, null, true, outage);
		}
		return answer;
	}

	/** A connection never made means the request never left: the downstream can't have acted on it. */
	private static boolean failedToConnect(RestClientException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	private ServiceUnavailableException unavailable(boolean mayHaveBeenProcessed, boolean outage) {
		if (this.circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
			long openMillis = this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
			return new ServiceUnavailableException(this.name, this.name + " is unavailable (circuit open)",
					Duration.ofMillis(Math.max(openMillis, 1)), mayHaveBeenProcessed, outage);
		}
		return new ServiceUnavailableException(this.name, this.name + " is unavailable", this.retryAfterWhenClosed,
				mayHaveBeenProcessed, outage);
	}

	/** Read straight into the type, not through a tree, which would turn prices into doubles on the way. */
	private <T> T data(Answer answer, ParameterizedTypeReference<T> type) {
		if (answer.body().length == 0) {
			return null;
		}
		JavaType dataType = this.json.getTypeFactory().constructType(type.getType());
		JavaType envelopeType = this.json.getTypeFactory().constructParametricType(Envelope.class, dataType);
		Envelope<T> envelope = this.json.readValue(answer.body(), envelopeType);
		return (envelope != null) ? envelope.data() : null;
	}

	private DownstreamException downstreamError(Answer answer, boolean mayHaveBeenProcessed) {
		JsonNode envelope = tree(answer.body());
		ErrorCode code = code(envelope, answer.status());
		String message = text(envelope, "message");
		return new DownstreamException(this.name, answer.status(), code,
				(message != null) ? message : this.name + " answered " + answer.status(), details(envelope),
				mayHaveBeenProcessed);
	}

	private JsonNode tree(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null; // not the contract's JSON (a proxy's error page): the status alone has to do
		}
	}

	/** The downstream's code when it is one of ours, else the code that goes with the status. */
	private static ErrorCode code(JsonNode envelope, int status) {
		String code = text(envelope, "code");
		if (code != null) {
			try {
				return ErrorCode.valueOf(code);
			}
			catch (IllegalArgumentException ex) {
				// a code this service doesn't know: fall back on the status
			}
		}
		return switch (status) {
			case 400 -> ErrorCode.VALIDATION_ERROR;
			case 402 -> ErrorCode.PAYMENT_DECLINED;
			case 404 -> ErrorCode.NOT_FOUND;
			case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
			case 406 -> ErrorCode.NOT_ACCEPTABLE;
			case 409 -> ErrorCode.CONFLICT;
			case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> ErrorCode.RATE_LIMITED;
			// Any other 4xx means this service sent something the downstream rejects: a bug here, not the caller's.
			default -> ErrorCode.INTERNAL_ERROR;
		};
	}

	private static String text(JsonNode envelope, String field) {
		JsonNode value = (envelope != null) ? envelope.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> details(JsonNode envelope) {
		JsonNode details = (envelope != null) ? envelope.get("details") : null;
		return (details != null && details.isObject()) ? this.json.convertValue(details, Map.class) : null;
	}

	/** The success envelope; its other fields ({@code success}, {@code pagination}) are of no use here. */
	record Envelope<T>(T data) {
	}

	/** What a downstream answered, below 500. */
	private record Answer(int status, HttpHeaders headers, byte[] body) {

		Answer {
			headers = (headers != null) ? headers : new HttpHeaders();
			body = (body != null) ? body : new byte[0];
		}

		boolean isSuccess() {
			return this.status < 300;
		}

	}

}
