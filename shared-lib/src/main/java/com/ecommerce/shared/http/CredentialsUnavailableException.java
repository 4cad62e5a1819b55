package com.ecommerce.shared.http;

import java.io.IOException;

/**
 * This service could not get an access token of its own (auth-service down, or refusing its credentials), so the
 * call was never sent: the downstream can't have acted on it, and it says nothing about the downstream's health.
 * An {@link IOException} so that it leaves the HTTP client the way a connection failure does.
 */
public class CredentialsUnavailableException extends IOException {

	public CredentialsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
