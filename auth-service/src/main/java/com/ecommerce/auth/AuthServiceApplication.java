package com.ecommerce.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Issues the access tokens of the system: OAuth2 client credentials, answered with a signed JWT that every other
 * service checks against the keys published here.
 * <p>
 * {@code hash-secret} as the only argument reads a client secret from standard input and prints the hash to configure
 * instead of it ({@code {bcrypt}$2a$10$...}), without starting the server: configuration only ever holds hashes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServiceApplication {

	public static void main(String[] args) throws IOException {
		if (args.length == 1 && args[0].equals("hash-secret")) {
			String secret = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
			if (secret.isEmpty()) {
				System.err.println("hash-secret: give the secret on standard input");
				System.exit(2);
			}
			System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(secret));
			return;
		}
		SpringApplication.run(AuthServiceApplication.class, args);
	}

}
