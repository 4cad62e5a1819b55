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
public final class EmbeddedRedis extends EmbeddedServer<EmbeddedRedis> {

	private final Path dataDir;
	private RedisServer server;
	private Thread shutdownHook;

	private EmbeddedRedis(int port, Path dataDir) {
		super(port);
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

	@Override
	protected void startServer() {
		RedisServerBuilder builder = RedisServer.builder().bind(Ports.LOOPBACK).port(port());
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
		shutdownHook = new Thread(this::stopQuietly, "embedded-redis-" + port() + "-stop");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
	}

	@Override
	protected void stopServer() {
		stopQuietly();
		try {
			Runtime.getRuntime().removeShutdownHook(shutdownHook);
		} catch (IllegalStateException alreadyShuttingDown) {
			// called from a shutdown hook: nothing left to unregister
		}
		shutdownHook = null;
	}

	@Override
	protected boolean isAlive() {
		return server != null && server.isActive();
	}

	@Override
	public String uri() {
		return "redis://" + Ports.LOOPBACK + ":" + port();
	}

	/** Also the shutdown hook's: the JVM is going, the child process must go with it. */
	private synchronized void stopQuietly() {
		if (server != null) {
			server.stop();
			server = null;
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
