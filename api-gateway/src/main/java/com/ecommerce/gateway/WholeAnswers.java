package com.ecommerce.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import com.ecommerce.shared.error.ErrorCode;

/**
 * An upstream's answer goes to the client only once it has come in whole. Streamed through, an instance killed in the
 * middle of its answer (status and headers sent, the body not finished) could only be passed on as a connection the
 * gateway cuts: the client would be left without a status. Held back, the same failure is the gateway's 503 in the
 * envelope, like a connection cut before any answer. A body that stops coming is given the response time-out again,
 * then is the same 503. The services' answers are JSON of bounded size (pages of at most 100 items); an answer above
 * {@code gateway.max-answer-size} is refused rather than held.
 */
class WholeAnswers implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(WholeAnswers.class);

	private final int maxAnswerBytes;

	private final Duration bodyTimeout;

	private final Duration retryAfter;

	WholeAnswers(long maxAnswerBytes, Duration bodyTimeout, Duration retryAfter) {
		this.maxAnswerBytes = (int) Math.min(Integer.MAX_VALUE, maxAnswerBytes);
		this.bodyTimeout = bodyTimeout;
		this.retryAfter = retryAfter;
	}

	/** Before the filter that writes the upstream's answer, so that it writes through this one. */
	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange.mutate().response(new Held(exchange.getResponse())).build());
	}

	private final class Held extends ServerHttpResponseDecorator {

		Held(ServerHttpResponse response) {
			super(response);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return DataBufferUtils.join(body, WholeAnswers.this.maxAnswerBytes)
				.timeout(WholeAnswers.this.bodyTimeout)
				.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
				.onErrorMap(TimeoutException.class, (ex) -> stalled())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((whole) -> whole.map(this::writeWhole).orElseGet(() -> super.writeWith(Flux.empty())));
		}

		private Mono<Void> writeWhole(DataBuffer whole) {
			HttpHeaders headers = getHeaders();
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(whole.readableByteCount());
			return super.writeWith(Mono.just(whole));
		}

		private GatewayException stalled() {
			log.warn("An upstream's answer stopped coming for {}", WholeAnswers.this.bodyTimeout);
			return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE,
					"The service did not finish its answer in time", WholeAnswers.this.retryAfter);
		}

		private GatewayException tooLarge() {
			log.error("An answer larger than gateway.max-answer-size ({} bytes) was refused",
					WholeAnswers.this.maxAnswerBytes);
			return new GatewayException(ErrorCode.INTERNAL_ERROR,
					"Answer larger than " + WholeAnswers.this.maxAnswerBytes + " bytes", null);
		}

	}

}
