package com.ecommerce.infrastructure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB, Redis and AMQP broker of this JVM's tests, each resolved on first use, in this order
 * (docs/architecture.md, "Where MongoDB, Redis and RabbitMQ come from"):
 * <ol>
 * <li>a server named in the environment: {@code MONGODB_URI}; {@code REDIS_HOST} (+ {@code REDIS_PORT},
 * default 6379, {@code REDIS_PASSWORD}); {@code RABBITMQ_URI};</li>
 * <li>with the system property {@code infrastructure.mode=containers} (Maven profile {@code containers}):
 * Testcontainers {@code mongo:7}, {@code redis:7}, {@code rabbitmq:3.13-management};</li>
 * <li>otherwise an embedded server on a random loopback port.</li>
 * </ol>
 * Whatever it starts is stopped when the JVM exits.
 */
public final class Infrastructure {

	public static final String MODE_PROPERTY = "infrastructure.mode";

	private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

	private static final class Holder {
		static final Infrastructure INSTANCE = new Infrastructure(System::getenv, System.getProperty(MODE_PROPERTY));
	}

	private final Function<String, String> environment;
	private final boolean containers;
	private final Deque<AutoCloseable> started = new ArrayDeque<>();
	private boolean shutdownHookInstalled;

	private MongoEndpoint mongo;
	private RedisEndpoint redis;
	private AmqpEndpoint amqp;
	// Typed as its own class and touched only in containers mode, so that Testcontainers (an
	// optional dependency) is never loaded otherwise.
	private ContainerServers containerServers;

	Infrastructure(Function<String, String> environment, String mode) {
		this.environment = environment;
		this.containers = isContainersMode(mode);
	}

	/** The one instance of this JVM. */
	public static Infrastructure get() {
		return Holder.INSTANCE;
	}

	public synchronized MongoEndpoint mongo() {
		if (mongo == null) {
			mongo = resolveMongo();
		}
		return mongo;
	}

	public synchronized RedisEndpoint redis() {
		if (redis == null) {
			redis = resolveRedis();
		}
		return redis;
	}

	public synchronized AmqpEndpoint amqp() {
		if (amqp == null) {
			amqp = resolveAmqp();
		}
		return amqp;
	}

	private MongoEndpoint resolveMongo() {
		String uri = env("MONGODB_URI");
		if (uri != null) {
			log.info("MongoDB from MONGODB_URI");
			return new MongoEndpoint(uri);
		}
		if (containers) {
			return containerServers().mongo();
		}
		EmbeddedMongo server = remember(EmbeddedMongo.inMemory(0).start());
		log.info("MongoDB embedded at {}", server.uri());
		return new MongoEndpoint(server.uri());
	}

	private RedisEndpoint resolveRedis() {
		String host = env("REDIS_HOST");
		if (host != null) {
			String port = env("REDIS_PORT");
			log.info("Redis from REDIS_HOST");
			return new RedisEndpoint(host, port == null ? 6379 : Integer.parseInt(port), env("REDIS_PASSWORD"));
		}
		if (containers) {
			return containerServers().redis();
		}
		EmbeddedRedis server = remember(EmbeddedRedis.inMemory(0).start());
		log.info("Redis embedded at {}", server.uri());
		return new RedisEndpoint(server.host(), server.port(), null);
	}

	private AmqpEndpoint resolveAmqp() {
		String uri = env("RABBITMQ_URI");
		if (uri != null) {
			log.info("AMQP broker from RABBITMQ_URI");
			return AmqpEndpoint.parse(uri);
		}
		if (containers) {
			return containerServers().amqp();
		}
		EmbeddedAmqp server = remember(EmbeddedAmqp.inMemory(0).start());
		log.info("AMQP broker embedded at amqp://{}:{}", server.host(), server.port());
		return new AmqpEndpoint(server.host(), server.port(), EmbeddedAmqp.USERNAME, EmbeddedAmqp.PASSWORD, "/", false);
	}

	private ContainerServers containerServers() {
		if (containerServers == null) {
			containerServers = new ContainerServers();
			remember(containerServers);
		}
		return containerServers;
	}

	private <T extends AutoCloseable> T remember(T server) {
		started.push(server);
		if (!shutdownHookInstalled) {
			Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "infrastructure-stop"));
			shutdownHookInstalled = true;
		}
		return server;
	}

	private synchronized void stopAll() {
		while (!started.isEmpty()) {
			AutoCloseable server = started.pop();
			try {
				server.close();
			} catch (Exception e) {
				log.warn("Could not stop {}", server, e);
			}
		}
	}

	private String env(String name) {
		String value = environment.apply(name);
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static boolean isContainersMode(String mode) {
		if (mode == null || mode.isBlank()) {
			return false;
		}
		return switch (mode.trim().toLowerCase(Locale.ROOT)) {
			case "containers" -> true;
			case "auto" -> false;
			default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be auto or containers, not " + mode);
		};
	}
}
