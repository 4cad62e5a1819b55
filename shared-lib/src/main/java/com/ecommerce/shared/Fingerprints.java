package com.ecommerce.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a request that an idempotency key is bound to: a repeat of the key must carry the same one, or
 * it is a different request (422).
 */
public final class Fingerprints {

	private Fingerprints() {
	}

	/** SHA-256 (hex) of the parts, one per line; callers pass the request after its defaults are applied. */
	public static String sha256(String... parts) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
