package com.ecommerce.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.ecommerce.infrastructure.ApiClient.Response;
import com.ecommerce.system.Batch;
import com.ecommerce.system.Invariants;
import com.ecommerce.system.Shop;
import com.ecommerce.system.StackTokens;
import com.ecommerce.system.StackUrls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark: places orders against the running stack with a fixed number of workers in a closed loop, measures
 * latency, throughput and what the stack's processes used, then checks that the system stayed consistent. Each order
 * has a customer of its own, or with --per-customer a few orders share one and are sent at once like a cart. The
 * orders are spread over new products, optionally with a share of them on one "hot" product whose small stock runs
 * out (contention and 409s on purpose). With --history, orders placed on the same products beforehand give them a
 * past, left out of the measured figures. Run it through {@code scripts/bench}; {@code --help} lists the options.
 */
public final class Bench {

	private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

	private static final long PRICE_CENTS = 1999;

	private static final long POLL_MILLIS = 200;

	/** Below this many cores busy the stack counts as quiet: idle, its JVMs and brokers use a few per cent each. */
	private static final double QUIET_CORES = 0.25;

	private static final Duration QUIET_PATIENCE = Duration.ofSeconds(60);

	private final Options options;

	private final Shop shop;

	private final StackProcesses processes;

	private Bench(Options options, Shop shop, StackProcesses processes) {
		this.options = options;
		this.shop = shop;
		this.processes = processes;
	}

	public static void main(String[] args) {
		// The chart is drawn without a display.
		System.setProperty("java.awt.headless", "true");
		Path root = repoRoot();
		Options options;
		try {
			options = Options.parse(args, root);
		}
		catch (Options.UsageException ex) {
			System.err.println("bench: " + ex.getMessage() + " (scripts/bench --help lists the options)");
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.print(Options.USAGE);
			return;
		}
		StackUrls urls = StackUrls.fromEnvironment();
		String refused = nonLoopback(urls);
		if (refused != null) {
			// A benchmark floods what it points at: only ever this machine.
			System.err.println("bench: refusing " + refused + ": only localhost, 127.0.0.1 or [::1] may be loaded");
			System.exit(2);
			return;
		}
		String stackHome = System.getenv("STACK_HOME");
		Path run = (stackHome == null || stackHome.isBlank() ? root.resolve(".local") : Path.of(stackHome))
			.resolve("run");
		try {
			Results results = new Bench(options, new Shop(urls, StackTokens.fromEnvironment()), new StackProcesses(run)).run();
			String markdown = results.markdown();
			System.out.println();
			System.out.print(markdown);
			if (!results.passed()) {
				System.out.println();
				results.failedRules().forEach((rule) -> System.out.println("FAILED: " + rule));
			}
			System.exit(results.passed() ? 0 : 1);
		}
		catch (RuntimeException | IOException ex) {
			System.err.println("bench: " + ex);
			System.exit(1);
		}
	}

	private Results run() throws IOException {
		Instant startedAt = Instant.now();
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		System.err.println("[bench] stack processes in " + processes.runDirectory() + ": "
				+ (processes.found().isEmpty() ? "none found (set STACK_HOME)" : processes.found()));

		// --- setup, not timed: products, the order plans, one new customer per cart (per order by default).
		long setupStart = System.nanoTime();
		Map<String, Integer> initialStock = new LinkedHashMap<>();
		List<String> normal = parallel("products", options.products(), options.concurrency(),
				(i) -> shop.newProduct(options.stock(), PRICE_CENTS));
		normal.forEach((id) -> initialStock.put(id, options.stock()));
		String hot = null;
		if (options.hotShare() > 0) {
			hot = shop.newProduct(options.hotStock(), PRICE_CENTS);
			initialStock.put(hot, options.hotStock());
		}
		Plan historyPlan = options.history() > 0 ? historyPlan(normal) : null;
		Plan plan = measuredPlan(normal, hot);
		double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

		// --- the history, not measured: the products' earlier orders. The measurement starts once the stack is
		// quiet again, so that what the history left behind (events queued for the worker) is not billed to it.
		Load historyLoad = null;
		Results.History history = null;
		if (historyPlan != null) {
			historyLoad = load(historyPlan, "history orders answered", Long.MAX_VALUE);
			long quietStart = System.nanoTime();
			boolean quiet = awaitQuiet();
			Tally tally = Tally.of(historyLoad.done());
			history = new Results.History(historyLoad.issued(), historyLoad.answered(), tally.finalNanos().length,
					round(historyLoad.wallSeconds()), tally.answers(), tally.outcomes(), tally.unexpected(),
					round((System.nanoTime() - quietStart) / 1e9), quiet);
		}

		// --- the measured load: C workers in a closed loop, until every order is placed or --max-seconds has passed.
		Map<String, StackProcesses.Sample> before = processes.sample();
		Load load = load(plan, "orders answered", Duration.ofSeconds(options.maxSeconds()).toNanos());
		Map<String, StackProcesses.Sample> after = processes.sample();
		int issued = load.issued();
		if (issued < plan.size()) {
			System.err.println("[bench] --max-seconds " + options.maxSeconds() + " reached: " + issued + " of "
					+ plan.size() + " orders issued");
		}

		// --- tally of the measured orders.
		Tally tally = Tally.of(load.done());
		int finalOrders = tally.finalNanos().length;
		List<StackProcesses.Usage> usages = StackProcesses.usage(before, after);
		StackProcesses.Usage servicesTotal = StackProcesses.servicesTotal(usages);
		StackProcesses.Usage stackTotal = StackProcesses.stackTotal(usages);
		Map<String, Double> cpuMsPerOrder = new LinkedHashMap<>();
		if (finalOrders > 0) {
			for (StackProcesses.Usage usage : concat(usages, List.of(servicesTotal, stackTotal))) {
				cpuMsPerOrder.put(usage.name(), round(usage.cpuSeconds() * 1000 / finalOrders));
			}
		}

		// --- consistency over every order the run placed, history included: every order settled, stock and payments
		// add up.
		System.err.println("[bench] checking the invariants (patience " + options.settleSeconds() + " s) …");
		long checkStart = System.nanoTime();
		List<String> customerIds = new ArrayList<>(plan.customersOf(issued));
		if (historyLoad != null) {
			customerIds.addAll(historyPlan.customersOf(historyLoad.issued()));
		}
		Invariants.Report report = checkInvariants(customerIds, initialStock);
		double checkSeconds = (System.nanoTime() - checkStart) / 1e9;
		List<String> violations = report.violations();
		Results.Check check = new Results.Check(report.holds(), report.orders(), report.byStatus(),
				violations.size(), List.copyOf(violations.subList(0, Math.min(20, violations.size()))),
				round(checkSeconds));

		List<String> failed = new ArrayList<>();
		if (!report.holds()) {
			failed.add("invariants: " + violations.size() + " violation(s)");
		}
		if (history != null && !history.unexpectedErrors().isEmpty()) {
			failed.add("unexpected errors in the history: " + history.unexpectedErrors());
		}
		if (!tally.unexpected().isEmpty()) {
			failed.add("unexpected errors: " + tally.unexpected());
		}

		double wallSeconds = load.wallSeconds();
		Latency post = Latency.of(tally.postNanos());
		Results results = new Results(startedAt.toString(), options.label(), options, machine(),
				processes.runDirectory().toString(), round(setupSeconds), round(wallSeconds), issued,
				load.answered(), finalOrders, round(finalOrders / wallSeconds), round(load.answered() / wallSeconds),
				post, Latency.of(tally.finalNanos()), tally.answers(), tally.outcomes(), tally.unexpected(), usages,
				servicesTotal, stackTotal, cpuMsPerOrder, history, check, failed.isEmpty(), failed);

		Files.createDirectories(options.outDir());
		Path base = options.outDir().resolve(stamp + "-" + options.fileLabel());
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		json.writeValue(Path.of(base + ".json").toFile(), results);
		Files.writeString(Path.of(base + ".md"), results.markdown());
		LatencyChart.write(tally.postNanos(), post, chartSubtitle(issued), Path.of(base + ".png"));
		System.err.println("[bench] wrote " + base + ".{json,md,png}");
		return results;
	}

	/**
	 * The orders of one phase: order i is for {@code productOf[i]}, the hot product when {@code hot[i]}. They come in
	 * carts of {@code perCustomer} consecutive orders, cart k for {@code customers.get(k)}.
	 */
	private record Plan(String[] productOf, boolean[] hot, List<String> customers, int perCustomer) {

		int size() {
			return productOf.length;
		}

		int carts() {
			return customers.size();
		}

		/** The first order of cart {@code k}; its last is just before the next cart's first. */
		int firstOf(int cart) {
			return Math.min(size(), cart * perCustomer);
		}

		/** The customers of the carts the first {@code issued} orders belong to. */
		List<String> customersOf(int issued) {
			return customers.subList(0, Math.ceilDiv(issued, perCustomer));
		}

	}

	/** What one phase's load did: order i's attempt for i below {@code issued}, the POSTs answered, its wall time. */
	private record Load(Attempt[] attempts, int issued, int answered, double wallSeconds) {

		List<Attempt> done() {
			return Arrays.asList(attempts).subList(0, issued);
		}

	}

	/** A phase's attempts counted: POST answers, outcomes, unexpected errors, and the latencies. */
	private record Tally(Map<String, Integer> answers, Map<String, Integer> outcomes, Map<String, Integer> unexpected,
			long[] postNanos, long[] finalNanos) {

		static Tally of(List<Attempt> done) {
			Map<String, Integer> answers = new TreeMap<>();
			Map<String, Integer> outcomes = new TreeMap<>();
			Map<String, Integer> unexpected = new TreeMap<>();
			for (Attempt attempt : done) {
				answers.merge(attempt.answerClass(), 1, Integer::sum);
				outcomes.merge(attempt.outcome(), 1, Integer::sum);
				if (attempt.error() != null) {
					unexpected.merge(attempt.error(), 1, Integer::sum);
				}
			}
			return new Tally(answers, outcomes, unexpected, done.stream().mapToLong(Attempt::answerNanos).toArray(),
					done.stream().filter(Attempt::isFinal).mapToLong(Attempt::finalNanos).toArray());
		}

	}

	/**
	 * The measured orders: a share evenly spaced (rather than random: the same options always give the same plan) on
	 * the hot product, the others round robin over the normal products, so the orders of a cart are for different
	 * ones.
	 */
	private Plan measuredPlan(List<String> normal, String hot) {
		int n = options.orders();
		boolean[] isHot = new boolean[n];
		String[] productOf = new String[n];
		int nextNormal = 0;
		for (int i = 0; i < n; i++) {
			isHot[i] = hot != null && Math.floor((i + 1) * options.hotShare()) > Math.floor(i * options.hotShare());
			productOf[i] = isHot[i] ? hot : normal.get(nextNormal++ % normal.size());
		}
		return new Plan(productOf, isHot, newCustomers("customers", n), options.perCustomer());
	}

	/**
	 * The history: round robin over the normal products as the measured orders are, so that with --products 1 both
	 * are on the same product. Never on the hot product, whose small stock is there for the measured orders to run
	 * out of.
	 */
	private Plan historyPlan(List<String> normal) {
		int h = options.history();
		String[] productOf = new String[h];
		for (int i = 0; i < h; i++) {
			productOf[i] = normal.get(i % normal.size());
		}
		return new Plan(productOf, new boolean[h], newCustomers("history customers", h), options.perCustomer());
	}

	/** One new customer per cart of --per-customer orders. */
	private List<String> newCustomers(String phase, int orders) {
		return parallel(phase, Math.ceilDiv(orders, options.perCustomer()), options.concurrency(),
				(i) -> shop.newCustomer());
	}

	/**
	 * Places the plan's orders with --concurrency workers in a closed loop, a cart at a time, until all are placed
	 * or {@code maxNanos} have passed; returns once every 202 has been polled to its end.
	 */
	private Load load(Plan plan, String phase, long maxNanos) {
		Attempt[] attempts = new Attempt[plan.size()];
		AtomicInteger nextCart = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		AtomicInteger polling = new AtomicInteger();
		List<Thread> pollers = Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		try (Progress progress = new Progress(phase, plan.size(), answered, polling, "polling after 202")) {
			for (int w = 0; w < options.concurrency(); w++) {
				workers.add(Thread.ofVirtual().name("worker-" + w).start(() -> {
					while (System.nanoTime() - start < maxNanos) {
						int cart = nextCart.getAndIncrement();
						if (cart >= plan.carts()) {
							return;
						}
						placeCart(plan, cart, attempts, pollers, polling, answered);
					}
				}));
			}
			joinAll(workers);
			joinAll(pollers);
		}
		double wallSeconds = (System.nanoTime() - start) / 1e9;
		// Carts are taken in order, so the orders issued are the first ones.
		int issued = plan.firstOf(Math.min(nextCart.get(), plan.carts()));
		return new Load(attempts, issued, answered.get(), wallSeconds);
	}

	/**
	 * Sends the orders of one cart at once, as a shop's checkout would, and returns when each has answered (a 202 is
	 * polled on by then, as {@link #place} does). A cart of one is placed by the worker itself.
	 */
	private void placeCart(Plan plan, int cart, Attempt[] attempts, List<Thread> pollers, AtomicInteger polling,
			AtomicInteger answered) {
		int from = plan.firstOf(cart);
		int to = plan.firstOf(cart + 1);
		String customerId = plan.customers().get(cart);
		List<Thread> requests = new ArrayList<>();
		for (int i = from; i < to; i++) {
			int order = i;
			Runnable request = () -> {
				place(order, customerId, plan.productOf()[order], plan.hot()[order], attempts, pollers, polling);
				answered.incrementAndGet();
			};
			if (to - from == 1) {
				request.run();
			}
			else {
				requests.add(Thread.ofVirtual().name("order-" + order).start(request));
			}
		}
		joinAll(requests);
	}

	/**
	 * Waits until the stack's processes together use less than {@link #QUIET_CORES} of a core, at most
	 * {@link #QUIET_PATIENCE}: what the history left behind (events queued for the worker, a burst of compilation)
	 * is then not billed to the measured orders. False when the stack stayed busy: the run goes on, and says so.
	 */
	private boolean awaitQuiet() {
		if (processes.found().isEmpty()) {
			return true;
		}
		System.err.println("[bench] waiting for the stack to quiet down after the history …");
		long deadline = System.nanoTime() + QUIET_PATIENCE.toNanos();
		Map<String, StackProcesses.Sample> last = processes.sample();
		long lastTime = System.nanoTime();
		while (System.nanoTime() < deadline) {
			sleep(1000);
			Map<String, StackProcesses.Sample> now = processes.sample();
			long nowTime = System.nanoTime();
			double cpu = StackProcesses.stackTotal(StackProcesses.usage(last, now)).cpuSeconds();
			if (cpu / ((nowTime - lastTime) / 1e9) < QUIET_CORES) {
				return true;
			}
			last = now;
			lastTime = nowTime;
		}
		System.err.println("[bench] the stack was still busy after " + QUIET_PATIENCE.toSeconds()
				+ " s: the measured CPU may include some of the history's");
		return false;
	}

	private String chartSubtitle(int issued) {
		String perCustomer = options.perCustomer() > 1 ? ", " + options.perCustomer() + " per customer" : "";
		String history = options.history() > 0 ? ", after " + options.history() + " orders of history" : "";
		return (options.label().isBlank() ? "" : options.label() + "; ") + issued + " orders, concurrency "
				+ options.concurrency() + perCustomer + ", hot share " + options.hotShare() + history;
	}

	/**
	 * The invariants, awaited with the --settle-seconds patience. The check reads through the services' APIs, so a
	 * service that is down makes it throw: that is retried within the patience, then reported as a violation rather
	 * than losing the run's figures.
	 */
	private Invariants.Report checkInvariants(List<String> customerIds, Map<String, Integer> initialStock) {
		Invariants invariants = new Invariants(shop);
		Instant deadline = Instant.now().plus(options.settle());
		while (true) {
			try {
				Duration left = Duration.between(Instant.now(), deadline);
				return invariants.await(customerIds, initialStock, left.isNegative() ? Duration.ZERO : left);
			}
			catch (RuntimeException ex) {
				if (!Instant.now().isBefore(deadline)) {
					return new Invariants.Report(0, Map.of(), List.of("the check could not run: " + ex), List.of());
				}
				sleep(1000);
			}
		}
	}

	/** Places order {@code i} and records it; a 202 is handed to a poller so that the worker goes on at once. */
	private void place(int i, String customerId, String productId, boolean hot, Attempt[] attempts,
			List<Thread> pollers, AtomicInteger polling) {
		long start = System.nanoTime();
		Response response;
		try {
			response = shop.placeOrder(customerId, productId, options.quantity(), null);
		}
		catch (UncheckedIOException ex) {
			attempts[i] = transportError(i, hot, ex.getCause(), System.nanoTime() - start);
			return;
		}
		catch (RuntimeException ex) {
			attempts[i] = transportError(i, hot, ex, System.nanoTime() - start);
			return;
		}
		long answer = System.nanoTime() - start;
		int status = response.status();
		JsonNode body = parse(response);
		if (status == 201 || status == 202) {
			JsonNode data = body == null ? null : body.path("data");
			String orderId = data == null ? null : data.path("orderId").asString(null);
			String orderStatus = data == null ? "" : data.path("orderStatus").asString("");
			if (FINAL.contains(orderStatus)) {
				attempts[i] = new Attempt(i, hot, status, null, null, orderId, outcome(data), answer, answer);
			}
			else if (orderId != null) {
				// The payment's outcome is unknown yet: the order settles later (recovery); poll it.
				polling.incrementAndGet();
				pollers.add(Thread.ofVirtual().name("poll-" + i).start(() -> {
					try {
						attempts[i] = poll(i, hot, status, orderId, start, answer);
					}
					finally {
						polling.decrementAndGet();
					}
				}));
			}
			else {
				attempts[i] = new Attempt(i, hot, status, null, status + " without an orderId", null,
						"error: " + status + " without an orderId", answer, -1);
			}
			return;
		}
		String code = body == null ? null : body.path("code").asString(null);
		String answerClass = code == null ? Integer.toString(status) : status + " " + code;
		// The hot product is meant to run out: its 409 INSUFFICIENT_STOCK is an expected answer, nothing else is.
		boolean expected = hot && status == 409 && "INSUFFICIENT_STOCK".equals(code);
		attempts[i] = new Attempt(i, hot, status, code, expected ? null : answerClass, null,
				(expected ? "rejected: " : "error: ") + answerClass, answer, -1);
	}

	private Attempt poll(int i, boolean hot, int status, String orderId, long start, long answer) {
		long deadline = System.nanoTime() + options.settle().toNanos();
		while (System.nanoTime() < deadline) {
			sleep(POLL_MILLIS);
			try {
				JsonNode order = shop.order(orderId);
				if (FINAL.contains(order.path("orderStatus").asString(""))) {
					return new Attempt(i, hot, status, null, null, orderId, outcome(order), answer,
							System.nanoTime() - start);
				}
			}
			catch (RuntimeException ex) {
				// A failed poll is retried: what counts is whether the order settles in time.
			}
		}
		return new Attempt(i, hot, status, null, null, orderId, Attempt.UNSETTLED, answer, -1);
	}

	private static String outcome(JsonNode order) {
		String status = order.path("orderStatus").asString("");
		String reason = order.path("failureReason").asString(null);
		return reason == null || reason.isBlank() || status.equals("completed") ? status : status + ": " + reason;
	}

	private static Attempt transportError(int i, boolean hot, Throwable cause, long nanos) {
		String name = "transport: " + (cause == null ? "unknown" : cause.getClass().getSimpleName());
		return new Attempt(i, hot, -1, null, name, null, "error: " + name, nanos, -1);
	}

	private static JsonNode parse(Response response) {
		try {
			return response.json();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** {@code count} calls of {@code make} by {@code concurrency} threads, in index order; the first failure stops. */
	private static List<String> parallel(String phase, int count, int concurrency, IntFunction<String> make) {
		AtomicInteger done = new AtomicInteger();
		try (Progress progress = new Progress("setup " + phase, count, done, null, null)) {
			return Batch.make(count, concurrency, make, done);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("setup of " + phase + " failed: " + ex.getMessage(), ex);
		}
	}

	private static void joinAll(List<Thread> threads) {
		// Pollers may still be added while the workers run; by now the list no longer grows.
		for (Thread thread : List.copyOf(threads)) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The first URL whose host is not loopback, or null when all are. */
	static String nonLoopback(StackUrls urls) {
		for (String url : List.of(urls.customers(), urls.products(), urls.orders(), urls.payments(),
				urls.transactions())) {
			String host;
			try {
				host = URI.create(url).getHost();
			}
			catch (IllegalArgumentException ex) {
				return url + " (not a URL)";
			}
			if (host == null || !Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(host.toLowerCase())) {
				return url;
			}
		}
		return null;
	}

	/** The directory holding scripts/: BENCH_REPO_ROOT (set by scripts/bench), else searched upwards from here. */
	private static Path repoRoot() {
		String given = System.getenv("BENCH_REPO_ROOT");
		if (given != null && !given.isBlank()) {
			return Path.of(given).toAbsolutePath();
		}
		Path cwd = Path.of("").toAbsolutePath();
		for (Path dir = cwd; dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("scripts"))) {
				return dir;
			}
		}
		return cwd;
	}

	private static Results.Machine machine() {
		String cpu = "";
		long memoryMb = 0;
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("");
			memoryMb = Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
				.findFirst()
				.orElse(0);
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: the figures stay empty.
		}
		return new Results.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
				cpu, memoryMb);
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
