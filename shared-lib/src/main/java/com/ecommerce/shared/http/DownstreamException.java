package com.ecommerce.shared.http;

import java.util.Map;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;

/**
 * A downstream service answered 4xx: its answer, passed on. Left uncaught, the caller's client gets the same code,
 * message and details (a product the order names doesn't exist: 404 {@code NOT_FOUND}), which is what it would have
 * got asking the downstream itself.
 */
public class DownstreamException extends ApiException {

	private final String service;

	private final int status;

	private final boolean mayHaveBeenProcessed;

	public DownstreamException(String service, int status, ErrorCode code, String message, Map<String, Object> details,
			boolean mayHaveBeenProcessed) {
		super(code, message, details);
		this.service = service;
		this.status = status;
		this.mayHaveBeenProcessed = mayHaveBeenProcessed;
	}

	public String service() {
		return this.service;
	}

	/** The HTTP status the downstream answered with. */
	public int status() {
		return this.status;
	}

	/**
	 * True when an earlier attempt of the same call may have been acted on before its answer was lost: the refusal
	 * answers the retry, and says nothing of what the first attempt did (a reserve that went through, then a 404
	 * because the product was deleted in between).
	 */
	public boolean mayHaveBeenProcessed() {
		return this.mayHaveBeenProcessed;
	}

}
