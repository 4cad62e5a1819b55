package com.ecommerce.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers shared by the embedded servers and local-stack. */
public final class Ports {

	/** Every embedded server listens on loopback only: nothing here is meant to be reachable from outside. */
	public static final String LOOPBACK = "127.0.0.1";

	private Ports() {
	}

	/**
	 * A port that is free right now. The embedded servers take their port up front (rather than
	 * binding port 0) so that a stopped server can come back on the same port, as a real one would.
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException("No free port on " + LOOPBACK, e);
		}
	}

	/** {@code port} as given, or a free one for 0. */
	static int orFree(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Not a port: " + port);
		}
		return port == 0 ? freePort() : port;
	}

	/** Whether something accepts TCP connections on {@code host:port}. */
	public static boolean isListening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		} catch (IOException e) {
			return false;
		}
	}
}
