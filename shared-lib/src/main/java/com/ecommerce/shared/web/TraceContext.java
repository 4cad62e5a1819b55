package com.ecommerce.shared.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of W3C Trace Context to tie the log lines of one order together across services: the trace id of an
 * incoming {@code traceparent} is kept, otherwise a new one is started; outgoing calls carry it with a new span id.
 */
public final class TraceContext {

	public static final String HEADER = "traceparent";

	private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");

	private TraceContext() {
	}

	public static String traceIdFrom(String traceparent) {
		if (traceparent != null) {
			Matcher matcher = TRACEPARENT.matcher(traceparent);
			if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
				return matcher.group(1);
			}
		}
		return randomHex(16);
	}

	public static String traceparent(String traceId) {
		return "00-" + traceId + "-" + randomHex(8) + "-01";
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
