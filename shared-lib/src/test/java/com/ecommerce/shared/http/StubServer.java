package com.ecommerce.shared.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service on a random port that answers as the test says and counts the requests it received. Its
 * {@code /readyz} answers 200, or 503 once {@link #ready(boolean) set} not ready, and is not counted.
 */
final class StubServer implements AutoCloseable {

	/** How the stub answers the n-th request (1-based). */
	interface Script {

		Reply reply(int n, HttpExchange exchange) throws Exception;

	}

	record Reply(int status, String json) {

		static Reply ok(String dataJson) {
			return new Reply(200, "{\"success\": true, \"data\": " + dataJson + "}");
		}

		static Reply error(int status, String code, String message) {
			return new Reply(status, "{\"success\": false, \"code\": \"" + code + "\", \"message\": \"" + message
					+ "\", \"requestId\": \"r\", \"details\": null}");
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();

	private final AtomicReference<String> lastBody = new AtomicReference<>();

	private volatile Script script;

	private volatile boolean ready = true;

	StubServer(Script script) {
		this.script = script;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.createContext("/readyz", this::readiness);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	void script(Script script) {
		this.script = script;
	}

	void ready(boolean ready) {
		this.ready = ready;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	int requests() {
		return this.requests.get();
	}

	Headers lastHeaders() {
		return this.lastHeaders.get();
	}

	String lastBody() {
		return this.lastBody.get();
	}

	private void readiness(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.sendResponseHeaders(this.ready ? 200 : 503, -1);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			int n = this.requests.incrementAndGet();
			this.lastHeaders.set(exchange.getRequestHeaders());
			this.lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			Reply reply;
			try {
				reply = this.script.reply(n, exchange);
			}
			catch (Exception ex) {
				reply = new Reply(500, "{}");
			}
			if (reply.status() == 204 || reply.json() == null) {
				exchange.sendResponseHeaders(reply.status(), -1);
				return;
			}
			byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(reply.status(), body.length);
			exchange.getResponseBody().write(body);
		}
		catch (IOException ex) {
			// the client gave up (a read time-out): nothing to answer
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
