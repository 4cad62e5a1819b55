package com.ecommerce.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.ecommerce.infrastructure.Ports;

/**
 * Stands in front of a real service on a port of its own and passes calls through, until a test breaks it: taken
 * down (connections refused), answering 503, losing the answers of some calls after the service handled them, or
 * doing something of the test's between a call's answer and its caller.
 */
final class FaultyProxy implements AutoCloseable, AfterEachCallback, AfterAllCallback {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
			"upgrade", "keep-alive", "expect");

	private final String target;

	private final int port = Ports.freePort();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final AtomicInteger received = new AtomicInteger();

	private final AtomicInteger apiCalls = new AtomicInteger();

	private final AtomicInteger forwarded = new AtomicInteger();

	private volatile HttpServer server;

	private volatile boolean failing;

	private volatile String losing;

	private final AtomicInteger toLose = new AtomicInteger();

	private volatile int jitterMillis;

	private volatile String delaying;

	private volatile String answering;

	private volatile int answerStatus;

	private volatile String answerJson;

	private final AtomicInteger toAnswer = new AtomicInteger();

	private volatile long delayMillis;

	private final AtomicInteger delayedAndPassedOn = new AtomicInteger();

	private final AtomicReference<BeforeAnswering> beforeAnswering = new AtomicReference<>();

	private final AtomicReference<Rewrite> rewriting = new AtomicReference<>();

	/** Released when the test lets the held answers go. */
	private volatile CountDownLatch held = new CountDownLatch(0);

	FaultyProxy(String target) {
		this.target = target;
		up();
	}

	/** The service behind the proxy. */
	String target() {
		return this.target;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** How many calls reached this proxy. */
	int received() {
		return this.received.get();
	}

	/** How many calls to the API (not to {@code /readyz}, which health checks ask) reached this proxy. */
	int apiCalls() {
		return this.apiCalls.get();
	}

	/** How many calls reached the real service. */
	int forwarded() {
		return this.forwarded.get();
	}

	/** Stops listening: calls are refused at connect. */
	synchronized void down() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	synchronized void up() {
		if (this.server != null) {
			return;
		}
		try {
			HttpServer started = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, this.port), 100);
			started.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			started.createContext("/", this::handle);
			started.start();
			this.server = started;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on " + this.port, ex);
		}
	}

	/** Every call answers 503 without reaching the service. */
	void fail() {
		this.failing = true;
	}

	/**
	 * The next {@code times} calls whose "METHOD path" starts with {@code call} reach the service, but their answer
	 * is held back until {@link #heal()}: to the caller, the answer is lost.
	 */
	void loseAnswers(String call, int times) {
		this.held = new CountDownLatch(1);
		this.toLose.set(times);
		this.losing = call;
	}

	/**
	 * Calls whose "METHOD path" starts with {@code call} wait {@code millis} before they are passed on, whether or
	 * not the caller still waits for them: a request that reaches the service late.
	 */
	void delay(String call, long millis) {
		this.delayMillis = millis;
		this.delaying = call;
	}

	/**
	 * The next {@code times} calls whose "METHOD path" starts with {@code call} get this answer from the proxy, without
	 * reaching the service.
	 */
	void answer(String call, int status, String json, int times) {
		this.answerStatus = status;
		this.answerJson = json;
		this.toAnswer.set(times);
		this.answering = call;
	}

	/**
	 * When the service's answer to the next call whose "METHOD path" starts with {@code call} is back, {@code action}
	 * runs before the answer is passed on: something that happens after the service did its work and before its
	 * caller hears of it.
	 */
	void beforeAnswering(String call, Runnable action) {
		this.beforeAnswering.set(new BeforeAnswering(call, action));
	}

	/**
	 * The service's answer to the next call whose "METHOD path" starts with {@code call} reaches the caller as
	 * {@code rewrite} makes its body: a service that did the work and answered what it should not have.
	 */
	void rewriteAnswer(String call, UnaryOperator<String> rewrite) {
		this.rewriting.set(new Rewrite(call, rewrite));
	}

	/** How many delayed calls reached the service (after their delay). */
	int delayedAndPassedOn() {
		return this.delayedAndPassedOn.get();
	}

	/** Each call waits a random 0..{@code maxMillis} before it is passed on. */
	void jitter(int maxMillis) {
		this.jitterMillis = maxMillis;
	}

	/** Passes everything through again and lets held answers go. */
	void heal() {
		this.failing = false;
		this.losing = null;
		this.jitterMillis = 0;
		this.delaying = null;
		this.answering = null;
		this.beforeAnswering.set(null);
		this.rewriting.set(null);
		this.held.countDown();
		up();
	}

	/** As a test's extension ({@code @RegisterExtension static}): healed after each test, closed after the class. */
	@Override
	public void afterEach(ExtensionContext context) {
		heal();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		heal();
		down();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.received.incrementAndGet();
		if (!exchange.getRequestURI().getPath().equals("/readyz")) {
			this.apiCalls.incrementAndGet();
		}
		try (exchange) {
			if (this.failing) {
				respond(exchange, 503, "{\"success\":false,\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"down\"}".getBytes());
				return;
			}
			String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
			if (this.answering != null && call.startsWith(this.answering) && this.toAnswer.getAndDecrement() > 0) {
				respond(exchange, this.answerStatus, this.answerJson.getBytes());
				return;
			}
			boolean lose = this.losing != null && call.startsWith(this.losing) && this.toLose.getAndDecrement() > 0;
			CountDownLatch release = this.held;
			if (this.jitterMillis > 0) {
				Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(this.jitterMillis + 1));
			}
			boolean delayed = this.delaying != null && call.startsWith(this.delaying);
			if (delayed) {
				Thread.sleep(this.delayMillis);
			}
			HttpResponse<byte[]> answer = forward(exchange);
			if (delayed) {
				this.delayedAndPassedOn.incrementAndGet();
			}
			if (lose) {
				release.await(30, TimeUnit.SECONDS);
			}
			BeforeAnswering hook = this.beforeAnswering.get();
			if (hook != null && call.startsWith(hook.call()) && this.beforeAnswering.compareAndSet(hook, null)) {
				hook.action().run();
			}
			byte[] body = answer.body();
			Rewrite rewrite = this.rewriting.get();
			if (rewrite != null && call.startsWith(rewrite.call()) && this.rewriting.compareAndSet(rewrite, null)) {
				body = rewrite.body().apply(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
			}
			exchange.getResponseHeaders().putAll(answer.headers().map());
			HOP_BY_HOP.forEach((header) -> exchange.getResponseHeaders().remove(header));
			respond(exchange, answer.statusCode(), body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The caller gave up waiting: the answer is lost, as intended.
		}
	}

	private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.target + exchange.getRequestURI()))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
			.timeout(Duration.ofSeconds(30));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase())) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		HttpResponse<byte[]> answer = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		this.forwarded.incrementAndGet();
		return answer;
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** What {@link #beforeAnswering} runs, once, for the first call it matches. */
	private record BeforeAnswering(String call, Runnable action) {
	}

	/** How {@link #rewriteAnswer} changes the answer of the first call it matches. */
	private record Rewrite(String call, UnaryOperator<String> body) {
	}

}
