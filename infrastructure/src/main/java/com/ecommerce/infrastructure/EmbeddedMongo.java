package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server). In memory for tests, or in an
 * H2 MVStore file for the local run; both on {@link IdLookupH2Backend}, so the tests run the store
 * the local stack runs, and {@link CollectionScans} counts the queries no index served. No sessions,
 * transactions, $text or TTL expiry: see docs/architecture.md.
 *
 * <p>{@link #stop()} and {@link #start()} may be repeated: the server comes back on the same port
 * with the same data, so tests can simulate an outage.
 */
public final class EmbeddedMongo extends EmbeddedServer<EmbeddedMongo> {

	private final Path file;
	private final MongoBackend memory;
	private MongoServer server;

	private EmbeddedMongo(int port, Path file) {
		super(port);
		this.file = file;
		this.memory = file == null ? survivingStop(IdLookupH2Backend.inMemoryStore()) : null;
	}

	/** Data in memory; {@code port} 0 picks a free port. */
	public static EmbeddedMongo inMemory(int port) {
		return new EmbeddedMongo(port, null);
	}

	/** Data in the H2 MVStore file {@code file} (created with its directories if missing). */
	public static EmbeddedMongo onDisk(Path file, int port) {
		return new EmbeddedMongo(port, file.toAbsolutePath());
	}

	@Override
	protected void startServer() {
		MongoServer starting = new MongoServer(memory != null ? memory : openFile());
		try {
			starting.bind(Ports.LOOPBACK, port());
		} catch (RuntimeException e) {
			starting.shutdownNow();
			throw new IllegalStateException("MongoDB could not listen on " + Ports.LOOPBACK + ":" + port(), e);
		}
		server = starting;
	}

	/** Closes the port and every client connection; an H2 file is flushed and closed. */
	@Override
	protected void stopServer() {
		server.shutdownNow();
		server = null;
	}

	@Override
	public String uri() {
		return "mongodb://" + Ports.LOOPBACK + ":" + port();
	}

	private H2Backend openFile() {
		try {
			Files.createDirectories(file.getParent());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new IdLookupH2Backend(file.toString());
	}

	/** MongoServer clears the backend when it shuts down; the in-memory data must outlive a stop(). */
	private static MongoBackend survivingStop(MongoBackend backend) {
		return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(), new Class<?>[] {MongoBackend.class},
				(proxy, method, args) -> {
					if (method.getName().equals("close") && method.getParameterCount() == 0) {
						return null;
					}
					try {
						return method.invoke(backend, args);
					} catch (InvocationTargetException e) {
						throw e.getCause();
					}
				});
	}
}
