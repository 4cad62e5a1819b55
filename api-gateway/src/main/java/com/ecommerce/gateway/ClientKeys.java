package com.ecommerce.gateway;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose bucket a request takes from: the client of a token the gateway verified (auth-service's signature and issuer,
 * not expired), else the address it came from. A token that does not verify counts for nothing: a forged one naming
 * a fresh client id would otherwise buy a fresh bucket. The gateway decides no access; the services do.
 */
class ClientKeys {

	private final ReactiveJwtDecoder tokens;

	ClientKeys(ReactiveJwtDecoder tokens) {
		this.tokens = tokens;
	}

	Mono<String> keyOf(ServerWebExchange exchange) {
		String token = bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		Mono<String> client = (token == null) ? Mono.empty()
				: this.tokens.decode(token)
					.mapNotNull(ClientKeys::clientId)
					.map((id) -> "client:" + id)
					.onErrorResume((ex) -> Mono.empty());
		return client.switchIfEmpty(Mono.fromSupplier(() -> "address:" + address(exchange)));
	}

	private static String clientId(Jwt jwt) {
		String client = jwt.getClaimAsString("client_id");
		return StringUtils.hasText(client) ? client : jwt.getSubject();
	}

	private static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).strip();
		return token.isEmpty() ? null : token;
	}

	/**
	 * The connection's peer. Behind an Ingress that is the proxy, unless Spring Cloud Gateway is told to trust it
	 * ({@code spring.cloud.gateway.server.webflux.trusted-proxies}), when it is the client that the proxy names.
	 */
	private static String address(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
