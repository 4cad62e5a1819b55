package com.ecommerce.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One instance of an upstream service on a random port of 127.0.0.1: answers {@code /readyz} as the test says
 * (200 until told otherwise), records every other request and answers it as the test says — by default 200 with its
 * own name, so a test sees which instance served a request. It can be stopped, as a killed process is, and started
 * again on the same port.
 */
final class StubService implements AutoCloseable {

	/** A request as the instance received it. */
	record Received(String method, String uri, Headers headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	/** How the instance answers a request. */
	interface Answer {

		void answer(HttpExchange exchange, Received request) throws Exception;

	}

	private final String name;

	private final int port;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile HttpServer server;

	private volatile int readiness = 200;

	private volatile Answer answer = this::withItsName;

	private StubService(String name, int port) {
		this.name = name;
		this.port = port;
		start();
	}

	/** Every upstream the gateway routes to, answered by this one stub: for tests about the gateway, not routing. */
	void answerEveryRoute(DynamicPropertyRegistry registry) {
		for (String service : List.of("customer-service", "product-service", "order-service", "payment-service",
				"transaction-worker", "auth-service")) {
			registry.add("gateway.upstreams." + service, this::url);
		}
	}

	static StubService start(String name) {
		return new StubService(name, freePort());
	}

	/** The base URL of an instance that is down: nothing listens there, a connection is refused. */
	static String down() {
		return "http://127.0.0.1:" + freePort();
	}

	String name() {
		return this.name;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	synchronized void start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
			server.createContext("/", this::handle);
			server.setExecutor(this.executor);
			server.start();
			this.server = server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Gone at once, its connections with it, as a process killed with {@code kill -9}. */
	synchronized void stop() {
		this.server.stop(0);
	}

	void readiness(int status) {
		this.readiness = status;
	}

	/** How it answers from now on; null: with its name again. */
	void answer(Answer answer) {
		this.answer = (answer != null) ? answer : this::withItsName;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	void forget() {
		this.received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestURI().getPath().equals("/readyz")) {
				send(exchange, this.readiness, "{\"status\":\"" + (this.readiness == 200 ? "UP" : "DOWN") + "\"}");
				return;
			}
			Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.received.add(request);
			this.answer.answer(exchange, request);
		}
		catch (Exception ex) {
			// the gateway gave up on this answer (a time-out) or the test cut the connection: nothing to answer
		}
	}

	private void withItsName(HttpExchange exchange, Received request) throws IOException {
		send(exchange, 200, "{\"success\":true,\"data\":{\"instance\":\"" + this.name + "\"}}");
	}

	static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Closes the connection without a word, as an instance killed while it worked on the request. */
	static void cut(HttpExchange exchange, Received request) {
		exchange.close();
	}

	/**
	 * Sends the status, the headers and half of the body it announced, then closes the connection: an instance killed
	 * while it answered.
	 */
	static void cutMidAnswer(HttpExchange exchange, Received request) throws IOException {
		halfAnAnswer(exchange);
		// Left open: the server, closing the exchange short of the length it announced, drops the connection.
	}

	/** Sends the status, the headers and half of the body it announced, then nothing for 3 s: a stalled instance. */
	static void stallMidAnswer(HttpExchange exchange, Received request) throws IOException, InterruptedException {
		halfAnAnswer(exchange);
		Thread.sleep(3000);
	}

	private static void halfAnAnswer(HttpExchange exchange) throws IOException {
		byte[] body = "{\"success\":true,\"data\":{\"id\":\"o1\"}}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(201, body.length);
		OutputStream out = exchange.getResponseBody();
		out.write(body, 0, body.length / 2);
		out.flush();
	}

	@Override
	public void close() {
		stop();
		this.executor.shutdownNow();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
