package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/**
 * A real Redis 7 binary (org.signal:embedded-redis) run as a child process, listening on loopback.
 * Without a data directory nothing is written to disk; with one, an append-only file there keeps
 * the data across restarts.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final int port;
	private final Path dataDir;
	private RedisServer server;
	private Thread shutdownHook;

	private EmbeddedRedis(int port, Path dataDir) {
		this.port = Ports.orFree(port);
		this.dataDir = dataDir;
	}

	/** No persistence; {@code port} 0 picks a free port. */
	public static EmbeddedRedis inMemory(int port) {
		return new EmbeddedRedis(port, null);
	}

	/** Append-only persistence in {@code dataDir} (created if missing). */
	public static EmbeddedRedis onDisk(Path dataDir, int port) {
		return new EmbeddedRedis(port, dataDir.toAbsolutePath());
	}

	public synchronized EmbeddedRedis start() {
		if (server != null) {
			return this;
		}
		RedisServerBuilder builder = RedisServer.builder().bind(Ports.LOOPBACK).port(port);
		if (dataDir == null) {
			// Redis saves dump.rdb by default; tests must leave nothing behind.
			builder.setting("save \"\"").setting("appendonly no");
		} else {
			createDirectories(dataDir);
			builder.setting("dir \"" + dataDir + "\"").setting("appendonly yes").setting("appendfsync everysec");
		}
		RedisServer starting = builder.build();
		starting.start();
		server = starting;
		// A child process outlives the JVM unless someone stops it.
		shutdownHook = new Thread(this::stopQuietly, "embedded-redis-" + port + "-stop");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
		return this;
	}

	public synchronized void stop() {
		if (server == null) {
			return;
		}
		server.stop();
		server = null;
		try {
			Runtime.getRuntime().removeShutdownHook(shutdownHook);
		} catch (IllegalStateException alreadyShuttingDown) {
			// called from a shutdown hook: nothing left to unregister
		}
		shutdownHook = null;
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return server != null && server.isActive();
	}

	public String host() {
		return Ports.LOOPBACK;
	}

	public int port() {
		return port;
	}

	public String uri() {
		return "redis://" + Ports.LOOPBACK + ":" + port;
	}

	private void stopQuietly() {
		synchronized (this) {
			if (server != null) {
				server.stop();
				server = null;
			}
		}
	}

	private static void createDirectories(Path dir) {
		try {
			Files.createDirectories(dir);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
