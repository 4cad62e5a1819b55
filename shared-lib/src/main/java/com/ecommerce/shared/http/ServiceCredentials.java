package com.ecommerce.shared.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClientException;

/**
 * Puts this service's own access token on every call it makes to another service: a client-credentials token from
 * auth-service, fetched with Spring Security's OAuth2 client, kept while it is valid and renewed {@code renewBefore}
 * its expiry. Whatever caller a request serves, the token is the service's, so one token serves them all.
 * <p>
 * Only one thread fetches a token at a time; the others wait for it rather than sending auth-service a burst of
 * requests (each costs it a password hash) when the service starts under load or the token runs out. A 401 answer
 * drops the token, so the call's next attempt fetches a fresh one (a key rotation, a restarted auth-service). When no
 * token can be had, the call fails with {@link CredentialsUnavailableException} before anything is sent.
 * <p>
 * Renewing early is a convenience, not a requirement: while auth-service can't be reached, the token held goes on
 * being used until it really expires (auth-service is asked again at most every {@code RETRY_FETCH_AFTER}). Work made
 * of several calls that must all go out — a saga whose compensation undoes its first step — asks first with
 * {@link #requireValidFor(Duration)}, so that it never starts with a token that runs out halfway.
 */
public class ServiceCredentials implements ClientHttpRequestInterceptor {

	private static final Logger log = LoggerFactory.getLogger(ServiceCredentials.class);

	/** How long to go on with the token held after auth-service failed to give a new one, before asking again. */
	private static final Duration RETRY_FETCH_AFTER = Duration.ofSeconds(5);

	private final OAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizedClientService tokens;

	private final String registrationId;

	private final Authentication principal;

	private final Duration renewBefore;

	private final Clock clock;

	private final ReentrantLock fetching = new ReentrantLock();

	/** Until when a failed fetch is not tried again while the token held is still valid (guarded by fetching). */
	private Instant noFetchBefore = Instant.MIN;

	public ServiceCredentials(OAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService tokens,
			String registrationId, Duration renewBefore, Clock clock) {
		this.manager = manager;
		this.tokens = tokens;
		this.registrationId = registrationId;
		this.principal = UsernamePasswordAuthenticationToken.authenticated(registrationId, null, List.of());
		this.renewBefore = renewBefore;
		this.clock = clock;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		request.getHeaders().setBearerAuth(token().getTokenValue());
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
			this.tokens.removeAuthorizedClient(this.registrationId, this.principal.getName());
		}
		return response;
	}

	/**
	 * Makes sure the token held stays valid for {@code span} at least, fetching one if it doesn't.
	 * @throws ServiceUnavailableException when no such token can be had: nothing should be started that needs one
	 */
	public void requireValidFor(Duration span) {
		OAuth2AccessToken token;
		try {
			token = token();
		}
		catch (CredentialsUnavailableException ex) {
			throw unavailable(ex.getMessage());
		}
		if (!validAfter(token, this.clock.instant().plus(span))) {
			throw unavailable("The access token of " + this.registrationId + " expires within " + span
					+ " and auth-service gives no new one");
		}
	}

	private static ServiceUnavailableException unavailable(String message) {
		return new ServiceUnavailableException("auth-service", message, RETRY_FETCH_AFTER, false, true);
	}

	private OAuth2AccessToken token() throws CredentialsUnavailableException {
		OAuth2AccessToken held = held(this.renewBefore);
		if (held != null) {
			return held;
		}
		this.fetching.lock();
		try {
			held = held(this.renewBefore); // fetched by another thread while this one waited
			if (held != null) {
				return held;
			}
			OAuth2AccessToken stillValid = held(Duration.ZERO);
			if (stillValid != null && this.clock.instant().isBefore(this.noFetchBefore)) {
				return stillValid;
			}
			return fetch(stillValid);
		}
		finally {
			this.fetching.unlock();
		}
	}

	/** A new token from auth-service; when it can't give one, the one held while it is valid. */
	private OAuth2AccessToken fetch(OAuth2AccessToken stillValid) throws CredentialsUnavailableException {
		try {
			OAuth2AuthorizedClient client = this.manager.authorize(OAuth2AuthorizeRequest
				.withClientRegistrationId(this.registrationId)
				.principal(this.principal)
				.build());
			if (client == null) {
				throw new CredentialsUnavailableException("No client registration '" + this.registrationId + "'",
						null);
			}
			return client.getAccessToken();
		}
		catch (OAuth2AuthorizationException | RestClientException ex) {
			if (stillValid != null) {
				this.noFetchBefore = this.clock.instant().plus(RETRY_FETCH_AFTER);
				log.warn("Could not renew the access token of {}, going on with the one held until it expires at {}: {}",
						this.registrationId, stillValid.getExpiresAt(), ex.getMessage());
				return stillValid;
			}
			throw new CredentialsUnavailableException(
					"Could not get an access token for " + this.registrationId + ": " + ex.getMessage(), ex);
		}
	}

	/** The token held, unless it expires within {@code margin}. */
	private OAuth2AccessToken held(Duration margin) {
		OAuth2AuthorizedClient client = this.tokens.loadAuthorizedClient(this.registrationId,
				this.principal.getName());
		if (client == null) {
			return null;
		}
		OAuth2AccessToken token = client.getAccessToken();
		return validAfter(token, this.clock.instant().plus(margin)) ? token : null;
	}

	private static boolean validAfter(OAuth2AccessToken token, Instant instant) {
		return token.getExpiresAt() == null || token.getExpiresAt().isAfter(instant);
	}

}
