package com.ecommerce.auth;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token signing keys live.
 *
 * @param signingKey the PEM file (PKCS#8, RSA) of the key that signs new tokens
 * @param previousSigningKey during a rotation, the key that signed the tokens still in use: published, never used
 * to sign, so those tokens stay valid until they expire; unset otherwise
 * @param createSigningKey create {@code signingKey} when the file does not exist (the local stack, compose); off in
 * production, where a missing key is a deployment error
 */
@ConfigurationProperties("ecommerce.auth")
public record SigningKeyProperties(Path signingKey, Path previousSigningKey,
		@DefaultValue("false") boolean createSigningKey) {

}
