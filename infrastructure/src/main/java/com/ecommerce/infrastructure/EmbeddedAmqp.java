package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker in this JVM: Apache Qpid Broker-J. RabbitMQ clients connect to it with
 * guest/guest and the default virtual host "/". In memory for tests, or with exchanges, queues and
 * persistent messages in a Derby database under a data directory for the local run.
 *
 * <p>It is not RabbitMQ: unknown {@code x-*} queue arguments are ignored and a message is delivered
 * at most once (no requeue loops), which is why retries and the dead-letter queue live in the
 * application (docs/architecture.md, "Where MongoDB, Redis and RabbitMQ come from").
 */
public final class EmbeddedAmqp extends EmbeddedServer<EmbeddedAmqp> {

	public static final String USERNAME = "guest";
	public static final String PASSWORD = "guest";

	private final Path dataDir;
	private SystemLauncher broker;
	private Path workDir;

	private EmbeddedAmqp(int port, Path dataDir) {
		super(port);
		this.dataDir = dataDir;
	}

	/** Everything in memory; {@code port} 0 picks a free port. */
	public static EmbeddedAmqp inMemory(int port) {
		return new EmbeddedAmqp(port, null);
	}

	/** Durable exchanges, queues and persistent messages in a Derby database under {@code dataDir}. */
	public static EmbeddedAmqp onDisk(Path dataDir, int port) {
		return new EmbeddedAmqp(port, dataDir.toAbsolutePath());
	}

	@Override
	protected void startServer() {
		workDir = dataDir != null ? createDirectories(dataDir) : createTempDirectory();
		String config = dataDir != null ? "qpid-derby.json" : "qpid-memory.json";
		URL initialConfig = EmbeddedAmqp.class.getResource(config);
		URL systemProperties = EmbeddedAmqp.class.getResource("qpid-system.properties");
		// "Memory" is the store of the broker's own configuration: rebuilt from the file on every
		// start, so a changed port or user never conflicts with an older stored one.
		Map<String, Object> attributes = Map.of(
				"type", "Memory",
				"initialConfigurationLocation", initialConfig.toExternalForm(),
				"initialSystemPropertiesLocation", systemProperties.toExternalForm(),
				"startupLoggedToSystemOut", false,
				"context", Map.of(
						"qpid.work_dir", workDir.toString(),
						"qpid.amqp_port", String.valueOf(port())));
		AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
		SystemLauncher starting = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
			@Override
			public void onContainerResolve(SystemConfig<?> systemConfig) {
				system.set(systemConfig);
			}
		});
		try {
			starting.startup(attributes);
		} catch (Exception e) {
			starting.shutdown();
			throw new IllegalStateException("Qpid broker did not start on port " + port(), e);
		}
		// Qpid starts even when its AMQP port cannot be bound; a broker nobody can reach is a failure.
		if (!amqpPortActive(system.get())) {
			starting.shutdown();
			throw new IllegalStateException("Qpid broker could not listen on " + Ports.LOOPBACK + ":" + port());
		}
		broker = starting;
	}

	@Override
	protected void stopServer() {
		broker.shutdown();
		broker = null;
		if (dataDir == null) {
			deleteRecursively(workDir);
		}
	}

	@Override
	public String uri() {
		return "amqp://" + USERNAME + ":" + PASSWORD + "@" + Ports.LOOPBACK + ":" + port();
	}

	private boolean amqpPortActive(SystemConfig<?> system) {
		return system != null && system.getContainer() instanceof Broker<?> container
				&& container.getPorts().stream().anyMatch(amqp -> amqp.getPort() == port() && amqp.getState() == State.ACTIVE);
	}

	private static Path createDirectories(Path dir) {
		try {
			return Files.createDirectories(dir);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("embedded-amqp-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		} catch (IOException e) {
			// a leftover temp directory is harmless
		}
	}
}
