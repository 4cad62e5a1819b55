package com.ecommerce.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys tokens are signed with, read from PEM files (PKCS#8, as {@code openssl genpkey -algorithm RSA} writes
 * them). Each key's id is its RFC 7638 thumbprint, so it is the same on every start and every instance, and a
 * resource server that meets a token with an id it doesn't know fetches the key set again (a rotation) rather than
 * refusing it.
 */
public final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private final RSAKey active;

	private final JWKSet published;

	private SigningKeys(RSAKey active, List<RSAKey> published) {
		this.active = active;
		this.published = new JWKSet(new ArrayList<>(published));
	}

	public static SigningKeys load(SigningKeyProperties properties) {
		if (!isSet(properties.signingKey())) {
			throw new IllegalStateException("ecommerce.auth.signing-key (AUTH_SIGNING_KEY_FILE) is not set");
		}
		if (properties.createSigningKey() && Files.notExists(properties.signingKey())) {
			create(properties.signingKey());
		}
		RSAKey active = read(properties.signingKey());
		List<RSAKey> published = new ArrayList<>(List.of(active));
		if (isSet(properties.previousSigningKey())) {
			RSAKey previous = read(properties.previousSigningKey());
			if (!previous.getKeyID().equals(active.getKeyID())) {
				published.add(previous);
			}
		}
		log.info("Signing tokens with key {}; publishing {}", active.getKeyID(),
				published.stream().map(RSAKey::getKeyID).toList());
		return new SigningKeys(active, published);
	}

	/** An unset variable in application.yml binds as an empty path. */
	private static boolean isSet(Path file) {
		return file != null && !file.toString().isEmpty();
	}

	/** The key new tokens are signed with. */
	public RSAKey active() {
		return this.active;
	}

	/** Every key a valid token may be signed with, private parts included (the key set endpoint publishes the public ones). */
	public JWKSet keySet() {
		return this.published;
	}

	static RSAKey read(Path file) {
		try {
			String pem = Files.readString(file, StandardCharsets.US_ASCII);
			int begin = pem.indexOf(BEGIN);
			int end = pem.indexOf(END);
			if (begin < 0 || end < begin) {
				throw new IllegalStateException(file + " is not a PEM private key (PKCS#8, '" + BEGIN + "')");
			}
			byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.keyIDFromThumbprint()
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the signing key " + file, ex);
		}
		catch (GeneralSecurityException | ClassCastException | JOSEException ex) {
			throw new IllegalStateException("Cannot read the signing key " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** A new 2048-bit key, readable by its owner only. */
	static void create(Path file) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
			String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(der) + "\n" + END + "\n";
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path draft = Files.createTempFile(parent, ".signing-key", ".tmp");
			try {
				Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's own protection has to do
			}
			Files.writeString(draft, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
			// Moved into place whole, so that nothing ever reads a half-written key; never over one that exists.
			try {
				Files.move(draft, file);
			}
			catch (FileAlreadyExistsException ex) {
				Files.deleteIfExists(draft); // another instance made it first: use theirs
			}
			log.info("Created a new signing key in {}", file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the signing key " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
