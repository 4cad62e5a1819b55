package com.ecommerce.shared.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import com.ecommerce.infrastructure.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's own token: renewed a minute before it expires, but used to its end while auth-service can't give a new
 * one, and never taken for work that would outlive it.
 */
class ServiceCredentialsTests {

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	private final ClientRegistration registration = ClientRegistration.withRegistrationId("service")
		.clientId("order-service")
		.clientSecret("secret")
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.tokenUri("http://127.0.0.1:1/oauth2/token")
		.build();

	private final InMemoryOAuth2AuthorizedClientService tokens = new InMemoryOAuth2AuthorizedClientService(
			new InMemoryClientRegistrationRepository(this.registration));

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));

	private final AuthService authService = new AuthService();

	private final ServiceCredentials credentials = new ServiceCredentials(this.authService, this.tokens, "service",
			RENEW_BEFORE, this.clock);

	@Test
	void aTokenIsFetchedOnceAndKeptWhileItIsFresh() throws IOException {
		String first = call();
		this.clock.advance(LIFETIME.minus(RENEW_BEFORE).minusSeconds(1));

		assertThat(call()).isEqualTo(first);
		assertThat(this.authService.fetches).isEqualTo(1);
	}

	@Test
	void aMinuteBeforeItExpiresTheTokenIsRenewed() throws IOException {
		String first = call();
		this.clock.advance(LIFETIME.minus(RENEW_BEFORE).plusSeconds(1));

		assertThat(call()).isNotEqualTo(first);
		assertThat(this.authService.fetches).isEqualTo(2);
	}

	@Test
	void whileAuthServiceIsDownTheTokenHeldIsUsedUntilItExpiresAskingAgainEveryFewSeconds() throws IOException {
		String held = call();
		this.authService.up = false;
		this.clock.advance(LIFETIME.minus(RENEW_BEFORE).plusSeconds(1));

		assertThat(call()).isEqualTo(held);
		assertThat(call()).isEqualTo(held);
		assertThat(this.authService.fetches).as("one failed renewal, not one per call").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(call()).isEqualTo(held);
		assertThat(this.authService.fetches).isEqualTo(3);

		this.clock.advance(RENEW_BEFORE);
		assertThatThrownBy(this::call).isInstanceOf(CredentialsUnavailableException.class);
		assertThat(this.sent).as("nothing sent without a valid token").hasSize(4);

		this.authService.up = true;
		assertThat(call()).isNotEqualTo(held);
	}

	@Test
	void workThatWouldOutliveTheTokenIsRefusedWhileAuthServiceCanGiveNoNewOne() throws IOException {
		String held = call();
		this.authService.up = false;
		this.clock.advance(LIFETIME.minus(Duration.ofSeconds(40)));

		this.credentials.requireValidFor(Duration.ofSeconds(30));
		assertThatThrownBy(() -> this.credentials.requireValidFor(Duration.ofSeconds(45)))
			.isInstanceOfSatisfying(ServiceUnavailableException.class,
					(ex) -> assertThat(ex.retryAfter()).isPositive());
		// Work already under way goes on with the token it started with.
		assertThat(call()).isEqualTo(held);

		this.authService.up = true;
		this.clock.advance(Duration.ofSeconds(5));
		this.credentials.requireValidFor(Duration.ofSeconds(45));
		assertThat(call()).isNotEqualTo(held);
	}

	@Test
	void aRefusedTokenIsDroppedSoTheNextCallFetchesAnother() throws IOException {
		String first = call();
		this.refuse = true;
		call();
		this.refuse = false;

		assertThat(call()).isNotEqualTo(first);
	}

	private final List<String> sent = new ArrayList<>();

	private boolean refuse;

	/** One call through the interceptor; the token it carried. */
	private String call() throws IOException {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://127.0.0.1/x"));
		this.credentials.intercept(request, new byte[0], (sentRequest, body) -> {
			this.sent.add(sentRequest.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
			return new MockClientHttpResponse(new byte[0], this.refuse ? HttpStatus.UNAUTHORIZED : HttpStatus.OK);
		});
		return this.sent.getLast();
	}

	/** auth-service's client-credentials grant: a new token at every fetch, or the error a failed fetch raises. */
	private final class AuthService implements OAuth2AuthorizedClientManager {

		volatile boolean up = true;

		int fetches;

		@Override
		public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
			this.fetches++;
			if (!this.up) {
				throw new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response",
						"I/O error on POST request: Connection refused", null));
			}
			Instant now = ServiceCredentialsTests.this.clock.instant();
			OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					"token-" + this.fetches, now, now.plus(LIFETIME));
			OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(ServiceCredentialsTests.this.registration,
					"service", token);
			ServiceCredentialsTests.this.tokens.saveAuthorizedClient(client,
					UsernamePasswordAuthenticationToken.authenticated("service", null, List.of()));
			return client;
		}

	}

}
