package com.ecommerce.system.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does, from {@code --name value} arguments. Defaults favour a run that says something about
 * throughput (1000 orders, 32 workers) without exhausting a laptop; {@code --smoke} is a quick end-to-end check.
 */
public record Options(int orders, int concurrency, int products, double hotShare, int hotStock, int stock,
		int quantity, int perCustomer, int history, int maxSeconds, int settleSeconds, String label, String out,
		boolean smoke) {

	/** The results directory ({@code out} is a plain string so that the JSON shows a path, not a file: URI). */
	Path outDir() {
		return Path.of(out);
	}

	static final String USAGE = """
			scripts/bench [OPTIONS]

			Places orders against the running stack (scripts/stack up), each for a NEW customer (or a few per new
			customer, --per-customer), with C workers in a closed loop, then checks the system's invariants and writes
			<out>/<time>-<label>.{json,md,png}.
			Only loopback URLs are accepted (the *_SERVICE_URL variables, default http://localhost:3001..3005).

			  --orders N          orders to place and measure (default 1000)
			  --concurrency C     workers; each places its next order once the previous one answered (default 32)
			  --products P        new products the normal orders are spread over (default 32)
			  --hot-share S       share 0..1 of the orders that go to one extra "hot" product (default 0)
			  --hot-stock K       stock of the hot product (default 50)
			  --stock K           stock of each normal product (default: enough never to run out)
			  --quantity Q        quantity per order (default 1)
			  --per-customer N    orders per customer, sent at once like a cart, each for a different normal
			                      product: a worker goes on to its next customer once all N answered, so up to
			                      C x N requests are in flight. Needs --products >= N. Orders that --hot-share
			                      puts on the hot product stay there, so a cart may hold it more than once
			                      (default 1: one order per customer)
			  --history H         orders placed before the measured ones, spread evenly over the normal products
			                      (never the hot one), by the same workers, --per-customer as well. Not in the
			                      measured figures (throughput, latency, CPU), but in the invariant check.
			                      --products 1 puts the history and the measured orders on ONE product (default 0)
			  --max-seconds T     stop issuing measured orders after T seconds; the history always completes
			                      (default 300)
			  --settle-seconds T  how long 202 answers are polled and the invariants awaited (default 90)
			  --label L           free text stored with the results, e.g. PAYMENT_LATENCY_MS=1000
			  --out DIR           where results go (default bench/results under the repository root)
			  --smoke             preset: 100 orders, concurrency 16, 8 products, hot-share 0.3, hot-stock 20
			                      (options given explicitly override it)
			  --help              this text

			The summary gives, per stack process, the CPU it used during the measured orders and that CPU per final
			measured order (ms); "services total" sums the five services, "stack total" every stack process found.
			Environment: STACK_HOME (default <repo>/.local) to find the stack's pid files in $STACK_HOME/run.
			Exit code: 0 when the invariants hold and no unexpected error occurred (history included), 1 otherwise,
			2 on bad usage.
			""";

	/** Thrown for a bad command line; the message says what is wrong. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

	Duration settle() {
		return Duration.ofSeconds(settleSeconds);
	}

	/** The label in file names: the label's safe characters, or "default". */
	String fileLabel() {
		String safe = label == null ? "" : label.replaceAll("[^A-Za-z0-9._=+-]+", "_");
		return safe.isBlank() ? "default" : safe;
	}

	/** Returns null when only the usage was asked for. */
	static Options parse(String[] args, Path repoRoot) {
		Integer orders = null, concurrency = null, products = null, hotStock = null, stock = null, quantity = null;
		Integer perCustomer = null, history = null, maxSeconds = null, settleSeconds = null;
		Double hotShare = null;
		String label = null;
		Path out = null;
		boolean smoke = false;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--help") || name.equals("-h")) {
				return null;
			}
			if (name.equals("--smoke")) {
				smoke = true;
				continue;
			}
			if (i + 1 >= args.length) {
				throw new UsageException(name.startsWith("--") ? name + " needs a value" : "unknown argument " + name);
			}
			String value = args[++i];
			switch (name) {
				case "--orders" -> orders = positive(name, value);
				case "--concurrency" -> concurrency = positive(name, value);
				case "--products" -> products = positive(name, value);
				case "--hot-share" -> hotShare = share(name, value);
				case "--hot-stock" -> hotStock = nonNegative(name, value);
				case "--stock" -> stock = nonNegative(name, value);
				case "--quantity" -> quantity = positive(name, value);
				case "--per-customer" -> perCustomer = positive(name, value);
				case "--history" -> history = nonNegative(name, value);
				case "--max-seconds" -> maxSeconds = positive(name, value);
				case "--settle-seconds" -> settleSeconds = nonNegative(name, value);
				case "--label" -> label = value;
				case "--out" -> out = Path.of(value);
				default -> throw new UsageException("unknown option " + name);
			}
		}
		// The smoke preset only fills in what was not given explicitly, wherever --smoke stands.
		int n = or(orders, smoke ? 100 : 1000);
		int q = or(quantity, 1);
		int p = or(products, smoke ? 8 : 32);
		int perCart = or(perCustomer, 1);
		int h = or(history, 0);
		if (perCart > p) {
			throw new UsageException("--per-customer " + perCart + " needs at least " + perCart
					+ " products, one for each order of a cart (--products is " + p + ")");
		}
		return new Options(n, or(concurrency, smoke ? 16 : 32), p, hotShare != null ? hotShare : (smoke ? 0.3 : 0.0),
				or(hotStock, smoke ? 20 : 50), stock != null ? enoughFor(stock, n, h, p, q) : neverRunsOut(n, h, q), q,
				perCart, h, or(maxSeconds, 300), or(settleSeconds, 90), label != null ? label : (smoke ? "smoke" : ""),
				(out != null ? out.toAbsolutePath() : repoRoot.resolve("bench/results")).toString(), smoke);
	}

	/** The default stock: every order, history and measured, could land on one product: (n + h) × q never runs out. */
	private static int neverRunsOut(int orders, int history, int quantity) {
		long stock = Math.max(1, ((long) orders + history) * quantity);
		if (stock > Integer.MAX_VALUE) {
			throw new UsageException("(--orders + --history) x --quantity is too large for a product's stock");
		}
		return (int) stock;
	}

	/**
	 * An explicit --stock, refused when the history would leave a normal product short: the history must not use up
	 * what the measured orders need, or they would fail for a reason the run did not ask for.
	 */
	private static int enoughFor(int stock, int orders, int history, int products, int quantity) {
		if (history == 0) {
			return stock;
		}
		long perProduct = ((long) Math.ceilDiv(history, products) + Math.ceilDiv(orders, products)) * quantity;
		if (stock < perProduct) {
			throw new UsageException("--stock " + stock + " is too small for --history " + history + ": each of the "
					+ products + " products takes up to " + Math.ceilDiv(history, products) + " history and "
					+ Math.ceilDiv(orders, products) + " measured orders of quantity " + quantity + " (" + perProduct
					+ ")");
		}
		return stock;
	}

	private static int or(Integer value, int fallback) {
		return value != null ? value : fallback;
	}

	private static int positive(String name, String value) {
		int number = integer(name, value);
		if (number < 1) {
			throw new UsageException(name + " must be at least 1");
		}
		return number;
	}

	private static int nonNegative(String name, String value) {
		int number = integer(name, value);
		if (number < 0) {
			throw new UsageException(name + " must not be negative");
		}
		return number;
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new UsageException(name + " expects a whole number, not '" + value + "'");
		}
	}

	private static double share(String name, String value) {
		try {
			double share = Double.parseDouble(value.trim());
			if (!(share >= 0 && share <= 1)) {
				throw new UsageException(name + " must be between 0 and 1");
			}
			return share;
		}
		catch (NumberFormatException ex) {
			throw new UsageException(name + " expects a number between 0 and 1, not '" + value + "'");
		}
	}

}
