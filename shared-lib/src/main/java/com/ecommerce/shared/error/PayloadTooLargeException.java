package com.ecommerce.shared.error;

/** Thrown while a request body is read, as soon as it passes the configured limit. */
public class PayloadTooLargeException extends ApiException {

	public PayloadTooLargeException(long limitBytes) {
		super(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + limitBytes + " bytes");
	}

}
