package com.ecommerce.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stack's log files ({@code STACK_HOME}, default {@code .local}, then {@code logs/NAME.log}), read from a mark on:
 * what a component logged while a test did something.
 */
final class StackLogs {

	private StackLogs() {
	}

	static Path of(String name) {
		String home = System.getenv("STACK_HOME");
		return Path.of((home == null || home.isBlank()) ? ".local" : home, "logs", name + ".log");
	}

	/** Where the log ends now: {@link #since} reads what comes after. */
	static long mark(String name) {
		try {
			return Files.exists(of(name)) ? Files.size(of(name)) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String since(String name, long mark) {
		try {
			byte[] all = Files.readAllBytes(of(name));
			return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
