package com.ecommerce.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults, made the way an operator would: {@code scripts/stack stop|start|kill NAME} on the running stack. The tests
 * run from the repository root (failsafe's working directory), and {@code STACK_HOME} passes through.
 */
final class StackControl {

	private static final Path SCRIPT = Path.of("scripts", "stack");

	private StackControl() {
	}

	/**
	 * A component out of service while a test does something, and back afterwards whatever happened: {@code command}
	 * takes it out, {@code undo} brings it back.
	 */
	record Outage(String command, String undo, String name) {

		void during(Runnable meanwhile) {
			begin();
			try {
				meanwhile.run();
			}
			finally {
				end();
			}
		}

		/** Out of service for {@code duration}, whatever else happens meanwhile: the fault itself is timed. */
		void lasting(Duration duration) {
			during(() -> {
				try {
					Thread.sleep(duration);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			});
		}

		void begin() {
			run(this.command, this.name);
		}

		void end() {
			run(this.undo, this.name);
		}

	}

	static Outage stopped(String name) {
		return new Outage("stop", "start", name);
	}

	/** SIGSTOP, then SIGCONT: it hangs with its connections open (a long GC pause, a frozen VM), then goes on. */
	static Outage frozen(String name) {
		return new Outage("freeze", "thaw", name);
	}

	/**
	 * The service restarted with {@code variable=value} in its environment while a test does something, then
	 * restarted as it was, whatever happened.
	 */
	static void restartedWith(String name, String variable, String value, Runnable meanwhile) {
		restartedWith(name, Map.of(variable, value), meanwhile);
	}

	/** The service restarted with {@code environment} while a test does something, then restarted as it was. */
	static void restartedWith(String name, Map<String, String> environment, Runnable meanwhile) {
		run("restart", name, environment);
		try {
			meanwhile.run();
		}
		finally {
			run("restart", name, Map.of());
		}
	}

	/** A plain restart, with the settings of the last {@code up}. */
	static void restart(String name) {
		run("restart", name);
	}

	/** SIGKILL: a crash, with no shutdown hook and nothing flushed. */
	static Outage killed(String name) {
		return new Outage("kill", "start", name);
	}

	/**
	 * Skips the test unless the stack started this component itself, so that it may stop it: the embedded stores only
	 * are, with {@code STACK_INFRA=embedded scripts/stack up}; a Redis or RabbitMQ the stack found running is not its
	 * own. {@code shownAs} names it in the reason. Called by each test, not once per class, so that each skipped
	 * repetition is reported, with the reason, where CI looks.
	 */
	static void assumeOwned(String name, String shownAs) {
		Path run = Path.of(System.getenv().getOrDefault("STACK_HOME", ".local"), "run");
		assumeTrue(Files.exists(run.resolve(name + ".pid")) && !Files.exists(run.resolve(name + ".external")),
				shownAs + " is not the stack's own: run STACK_INFRA=embedded scripts/stack up");
	}

	/** The order-service's recovery timeout as the stack was started with it ({@code ORDER_RECOVERY_TIMEOUT}). */
	static Duration recoveryTimeout() {
		return durationOf("ORDER_RECOVERY_TIMEOUT", "60s");
	}

	/** How often the order-service's recovery job looks for orders ({@code ORDER_RECOVERY_INTERVAL}). */
	static Duration recoveryInterval() {
		return durationOf("ORDER_RECOVERY_INTERVAL", "5s");
	}

	/** A duration in the environment, written as Spring Boot reads it: {@code 500ms}, {@code 10s}, {@code 1m}. */
	private static Duration durationOf(String variable, String otherwise) {
		String value = System.getenv().getOrDefault(variable, otherwise).trim().toLowerCase();
		if (value.startsWith("pt")) {
			return Duration.parse(value.toUpperCase());
		}
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		if (value.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		return Duration.ofMillis(Long.parseLong(value));
	}

	/** The stack's MongoDB, as its services reach it ({@code MONGODB_URI} in {@code .local/run/infra.env}). */
	static String mongoUri() {
		return infrastructure("MONGODB_URI");
	}

	/** The stack's RabbitMQ, as its services reach it ({@code RABBITMQ_URI} in {@code .local/run/infra.env}). */
	static String rabbitUri() {
		return infrastructure("RABBITMQ_URI");
	}

	private static String infrastructure(String variable) {
		Path env = Path.of(System.getenv().getOrDefault("STACK_HOME", ".local"), "run", "infra.env");
		try {
			return Files.readAllLines(env)
				.stream()
				.filter((line) -> line.startsWith(variable + "="))
				.map((line) -> line.substring(variable.length() + 1).replace("\\", ""))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no " + variable + " in " + env));
		}
		catch (IOException ex) {
			throw new IllegalStateException(env + " not readable: is the stack up?", ex);
		}
	}

	/**
	 * Every instance of every service restarted gracefully, one at a time, each back and ready before the next goes
	 * ({@code scripts/stack rolling-restart}), as a deployment of a new version does it.
	 */
	static void rollingRestart() {
		run(List.of("rolling-restart"), Map.of(), Duration.ofMinutes(10));
	}

	private static void run(String command, String name) {
		run(command, name, Map.of());
	}

	private static void run(String command, String name, Map<String, String> environment) {
		run(List.of(command, name), environment, Duration.ofSeconds(180));
	}

	private static void run(List<String> arguments, Map<String, String> environment, Duration patience) {
		if (!Files.isExecutable(SCRIPT)) {
			throw new IllegalStateException(SCRIPT.toAbsolutePath() + " not found: run the tests from the repository root");
		}
		String shown = "scripts/stack " + String.join(" ", arguments);
		try {
			List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(shown + " took over " + patience.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(shown + " failed: " + process.exitValue());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
