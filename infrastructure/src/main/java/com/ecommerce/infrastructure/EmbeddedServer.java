package com.ecommerce.infrastructure;

/**
 * One of the embedded servers, on a loopback port chosen once: {@link #stop()} and {@link #start()} may be repeated
 * (tests simulate outages that way), and the server comes back on the same port, with its data when it keeps any.
 *
 * @param <S> the server's own type, which {@link #start()} returns
 */
public abstract class EmbeddedServer<S extends EmbeddedServer<S>> implements AutoCloseable {

	private final int port;

	private boolean running;

	/** @param port the port to listen on; 0 picks a free one */
	protected EmbeddedServer(int port) {
		this.port = Ports.orFree(port);
	}

	/** Starts the server unless it runs; returns it, for {@code EmbeddedRedis.inMemory(0).start()}. */
	public final synchronized S start() {
		if (!this.running) {
			startServer();
			this.running = true;
		}
		@SuppressWarnings("unchecked")
		S self = (S) this;
		return self;
	}

	public final synchronized void stop() {
		if (this.running) {
			this.running = false;
			stopServer();
		}
	}

	@Override
	public final void close() {
		stop();
	}

	public final synchronized boolean isRunning() {
		return this.running && isAlive();
	}

	public final String host() {
		return Ports.LOOPBACK;
	}

	public final int port() {
		return this.port;
	}

	/** How clients reach the server. */
	public abstract String uri();

	/** Starts the server on {@link #port()}; throws when it can't listen there. */
	protected abstract void startServer();

	/** Stops the server, keeping whatever data it keeps. */
	protected abstract void stopServer();

	/** Whether a started server is still there (a child process may have died). */
	protected boolean isAlive() {
		return true;
	}

}
