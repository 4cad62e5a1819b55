package com.ecommerce.localstack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ecommerce.infrastructure.EmbeddedAmqp;
import com.ecommerce.infrastructure.EmbeddedMongo;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.Ports;

/**
 * MongoDB, Redis and an AMQP 0-9-1 broker on their usual ports, with their data under
 * {@code .local/} in the working directory, so the services can be started by hand without Docker.
 * A port that already answers is taken to be that server, already running, and is left alone.
 * Runs until Ctrl-C or SIGTERM.
 */
public final class LocalStack {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final Path dataDir;
	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	LocalStack(Path dataDir) {
		this.dataDir = dataDir;
	}

	/**
	 * Without arguments: all three servers (what {@code scripts/local-stack} runs). {@code scripts/stack} runs each
	 * component as a process of its own, so that it can stop and start one alone:
	 * <ul>
	 * <li>{@code mongodb|redis|rabbitmq PORT DATA_DIR}: that server alone, until SIGTERM;</li>
	 * <li>{@code probe mongodb|redis|rabbitmq HOST PORT}: exit 0 when the server there speaks that protocol;</li>
	 * <li>{@code seed MONGODB_URI SEED_FILE}: insert the seed's customers and products that are missing.</li>
	 * </ul>
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0) {
			System.exit(command(args));
		}
		long begin = System.nanoTime();
		LocalStack stack = new LocalStack(Path.of(".local").toAbsolutePath());
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
		try {
			stack.start(port("MONGODB_PORT", 27017), port("REDIS_PORT", 6379), port("RABBITMQ_PORT", 5672));
		} catch (RuntimeException e) {
			log.error("local-stack could not start: {}", e.getMessage(), e);
			System.exit(1);
		}
		log.info("ready in {} ms (data in {}); Ctrl-C stops", (System.nanoTime() - begin) / 1_000_000, stack.dataDir);
		new CountDownLatch(1).await();
	}

	private static int command(String[] args) throws Exception {
		switch (args[0]) {
			case "mongodb", "redis", "rabbitmq" -> {
				requireArguments(args, 3, args[0] + " PORT DATA_DIR");
				runAlone(args[0], Integer.parseInt(args[1]), Path.of(args[2]).toAbsolutePath());
				return 0;
			}
			case "probe" -> {
				requireArguments(args, 4, "probe mongodb|redis|rabbitmq HOST PORT");
				return Probe.speaks(args[1], args[2], Integer.parseInt(args[3])) ? 0 : 1;
			}
			case "seed" -> {
				requireArguments(args, 3, "seed MONGODB_URI SEED_FILE");
				Seeder.seed(args[1], Path.of(args[2]));
				return 0;
			}
			default -> {
				System.err.println("usage: local-stack [mongodb|redis|rabbitmq PORT DATA_DIR | probe … | seed …]");
				return 2;
			}
		}
	}

	/** One embedded server, its data under {@code dataDir}, until the process is told to stop. */
	private static void runAlone(String component, int port, Path dataDir) throws InterruptedException {
		long begin = System.nanoTime();
		AutoCloseable server = switch (component) {
			case "mongodb" -> EmbeddedMongo.onDisk(dataDir.resolve("data.mv"), port).start();
			case "redis" -> EmbeddedRedis.onDisk(dataDir, port).start();
			default -> EmbeddedAmqp.onDisk(dataDir, port).start();
		};
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
				log.info("{} stopped", component);
			}
			catch (Exception ex) {
				log.warn("could not stop {}: {}", component, ex.getMessage());
			}
		}, "local-stack-stop"));
		log.info("{} ready on {}:{} in {} ms (data in {})", component, Ports.LOOPBACK, port,
				(System.nanoTime() - begin) / 1_000_000, dataDir);
		new CountDownLatch(1).await();
	}

	private static void requireArguments(String[] args, int count, String usage) {
		if (args.length != count) {
			throw new IllegalArgumentException("usage: local-stack " + usage);
		}
	}

	synchronized void start(int mongoPort, int redisPort, int amqpPort) {
		startUnlessRunning("MongoDB", "mongodb://" + Ports.LOOPBACK + ":" + mongoPort, mongoPort,
				() -> EmbeddedMongo.onDisk(dataDir.resolve("mongodb").resolve("data.mv"), mongoPort).start());
		startUnlessRunning("Redis", "redis://" + Ports.LOOPBACK + ":" + redisPort, redisPort,
				() -> EmbeddedRedis.onDisk(dataDir.resolve("redis"), redisPort).start());
		startUnlessRunning("AMQP", "amqp://" + EmbeddedAmqp.USERNAME + ":" + EmbeddedAmqp.PASSWORD + "@" + Ports.LOOPBACK + ":" + amqpPort,
				amqpPort, () -> EmbeddedAmqp.onDisk(dataDir.resolve("rabbitmq"), amqpPort).start());
	}

	private void startUnlessRunning(String name, String uri, int port, Supplier<AutoCloseable> server) {
		String label = String.format("%-8s", name);
		if (Ports.isListening(Ports.LOOPBACK, port)) {
			// Most likely the real server of a developer's machine (or a local-stack already running).
			log.info("{} {} already answers: using the server that is there, not starting one", label, uri);
			return;
		}
		started.push(server.get());
		log.info("{} {}", label, uri);
	}

	synchronized int running() {
		return started.size();
	}

	synchronized void stop() {
		boolean any = !started.isEmpty();
		while (!started.isEmpty()) {
			AutoCloseable server = started.pop();
			try {
				server.close();
			} catch (Exception e) {
				log.warn("could not stop {}: {}", server.getClass().getSimpleName(), e.getMessage());
			}
		}
		if (any) {
			log.info("stopped");
		}
	}

	private static int port(String variable, int defaultPort) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			return defaultPort;
		}
		try {
			return Integer.parseInt(value.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(variable + " is not a port: " + value, e);
		}
	}
}
