package com.ecommerce.infrastructure;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where an AMQP 0-9-1 broker answers and how to log in to it. */
public record AmqpEndpoint(String host, int port, String username, String password, String virtualHost, boolean ssl) {

	/**
	 * Reads an {@code amqp://user:pass@host:port/vhost} (or {@code amqps://}) URI as RabbitMQ
	 * clients do: missing parts default to guest/guest, 5672 (5671 with TLS) and "/", and the
	 * virtual host is URL-decoded, so "/" may be written as %2F.
	 */
	public static AmqpEndpoint parse(String uri) {
		URI parsed = URI.create(uri.trim());
		String scheme = parsed.getScheme();
		if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException("Not an amqp:// or amqps:// URI: " + uri);
		}
		boolean ssl = "amqps".equalsIgnoreCase(scheme);
		String username = "guest";
		String password = "guest";
		String userInfo = parsed.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
			password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
		}
		int port = parsed.getPort() != -1 ? parsed.getPort() : (ssl ? 5671 : 5672);
		String path = parsed.getRawPath();
		String virtualHost = path == null || path.length() <= 1 ? "/" : decode(path.substring(1));
		return new AmqpEndpoint(parsed.getHost(), port, username, password, virtualHost, ssl);
	}

	public String uri() {
		return (ssl ? "amqps" : "amqp") + "://" + encode(username) + ":" + encode(password) + "@" + host + ":" + port
				+ ("/".equals(virtualHost) ? "" : "/" + encode(virtualHost));
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
