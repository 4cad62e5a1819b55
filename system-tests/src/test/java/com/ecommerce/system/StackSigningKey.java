package com.ecommerce.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import com.ecommerce.infrastructure.TestAuthority;

/**
 * Tokens auth-service would never issue, signed by the stack's own key ({@code .local/auth/signing-key.pem}, which
 * the tests may read as the stack's operator may): expired ones, ones naming another issuer; and tokens signed by a
 * key auth-service does not publish. What an attacker replaying an old token or minting one would send.
 */
final class StackSigningKey {

	private static final String ISSUER = System.getenv().getOrDefault("AUTH_ISSUER", "http://localhost:3006");

	private final RSAKey key;

	private final RSAKey stranger;

	private StackSigningKey(RSAKey key, RSAKey stranger) {
		this.key = key;
		this.stranger = stranger;
	}

	static StackSigningKey read() {
		Path file = Path.of(System.getenv().getOrDefault("STACK_HOME", ".local"), "auth", "signing-key.pem");
		try {
			String pem = Files.readString(file, StandardCharsets.US_ASCII);
			String body = pem.replaceAll("-----[A-Z ]+-----", "");
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
			RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-published-" + UUID.randomUUID()).generate();
			return new StackSigningKey(key, stranger);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file + " not readable: is the stack up (scripts/stack up)?", ex);
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String expired(String scope) {
		Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
		return sign(this.key, ISSUER, scope, hourAgo.minus(Duration.ofMinutes(10)), hourAgo);
	}

	String fromAnotherIssuer(String scope) {
		Instant now = Instant.now();
		return sign(this.key, "http://elsewhere.example", scope, now, now.plus(Duration.ofMinutes(10)));
	}

	String signedByAnUnknownKey(String scope) {
		Instant now = Instant.now();
		return sign(this.stranger, ISSUER, scope, now, now.plus(Duration.ofMinutes(10)));
	}

	private static String sign(RSAKey signingKey, String issuer, String scope, Instant issuedAt, Instant expiresAt) {
		return TestAuthority.sign(signingKey, issuer, List.of(scope), issuedAt, expiresAt);
	}

}
