package com.ecommerce.system.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one run measured, as written to the JSON file; {@link #markdown()} is the readable summary. */
record Results(String startedAt, String label, Options options, Machine machine, String stackRunDirectory,
		double setupSeconds, double wallSeconds, int issued, int answered, int finalOrders, double ordersPerSecond,
		double requestsPerSecond, Latency postLatency, Latency timeToFinal, Map<String, Integer> answers,
		Map<String, Integer> outcomes, Map<String, Integer> unexpectedErrors, List<StackProcesses.Usage> processes,
		StackProcesses.Usage servicesTotal, StackProcesses.Usage stackTotal, Map<String, Double> cpuMsPerOrder,
		History history, Check invariants, boolean passed, List<String> failedRules) {

	/** Where the run ran: the benchmark shares the machine with the stack, so its size matters. */
	record Machine(int cores, String javaVersion, String javaVendor, String os, String cpu, long memoryMb) {
	}

	/**
	 * The orders placed before the measured ones (--history), null without: how they went, and how long the stack
	 * took to quiet down afterwards ({@code quiet} false when it never did within the patience).
	 */
	record History(int orders, int answered, int finalOrders, double seconds, Map<String, Integer> answers,
			Map<String, Integer> outcomes, Map<String, Integer> unexpectedErrors, double quietSeconds,
			boolean quiet) {
	}

	/** The invariants' verdict over every order of the run, history included; at most 20 violations are kept. */
	record Check(boolean holds, int orders, Map<String, Integer> byStatus, int violationCount,
			List<String> violations, double seconds) {
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark ").append(startedAt).append(label.isBlank() ? "" : " — " + label).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"%d orders (%d issued), concurrency %d, %d per customer, %d products (stock %d), hot share %.2f "
						+ "(hot stock %d), quantity %d%s; %d cores, Java %s%n%n",
				options.orders(), issued, options.concurrency(), options.perCustomer(), options.products(),
				options.stock(), options.hotShare(), options.hotStock(), options.quantity(),
				history == null ? "" : ", after " + history.orders() + " orders of history", machine.cores(),
				machine.javaVersion()));

		md.append("| figure | value |\n|---|---|\n");
		row(md, "verdict", passed ? "PASS" : "FAIL: " + String.join("; ", failedRules));
		row(md, "setup (not timed)", secs(setupSeconds));
		if (history != null) {
			row(md, "history (not measured)", String.format(Locale.ROOT, "%d orders in %s, %d final", history.orders(),
					secs(history.seconds()), history.finalOrders()));
			row(md, "then the stack", (history.quiet() ? "was quiet after " : "was still busy after ")
					+ secs(history.quietSeconds()));
		}
		row(md, "wall time", secs(wallSeconds));
		row(md, "final orders / s", fmt(ordersPerSecond));
		row(md, "POST answers / s", fmt(requestsPerSecond));
		row(md, "final orders", finalOrders + " of " + issued);
		if (!cpuMsPerOrder.isEmpty()) {
			row(md, "CPU per final order", fmt(cpuMsPerOrder.get(stackTotal.name())) + " ms stack, "
					+ fmt(cpuMsPerOrder.get(servicesTotal.name())) + " ms services");
		}
		md.append('\n');

		md.append("| latency (ms) | n | mean | p50 | p90 | p95 | p99 | p99.9 | max |\n");
		md.append("|---|---|---|---|---|---|---|---|---|\n");
		latencyRow(md, "POST /orders", postLatency);
		latencyRow(md, "time to final", timeToFinal);
		md.append('\n');

		md.append("| POST answer | count |\n|---|---|\n");
		answers.forEach((name, count) -> row(md, name, Integer.toString(count)));
		md.append('\n');
		md.append("| outcome | count |\n|---|---|\n");
		outcomes.forEach((name, count) -> row(md, name, Integer.toString(count)));
		md.append('\n');
		if (!unexpectedErrors.isEmpty()) {
			md.append("| unexpected error | count |\n|---|---|\n");
			unexpectedErrors.forEach((name, count) -> row(md, name, Integer.toString(count)));
			md.append('\n');
		}
		if (history != null && !history.unexpectedErrors().isEmpty()) {
			md.append("| unexpected error in the history | count |\n|---|---|\n");
			history.unexpectedErrors().forEach((name, count) -> row(md, name, Integer.toString(count)));
			md.append('\n');
		}

		if (!processes.isEmpty()) {
			md.append("| process | pid | CPU s (run) | CPU ms / final order | RSS MB | peak RSS MB |\n");
			md.append("|---|---|---|---|---|---|\n");
			for (StackProcesses.Usage usage : processes) {
				usageRow(md, usage);
			}
			usageRow(md, servicesTotal);
			usageRow(md, stackTotal);
			md.append('\n');
		}
		else {
			md.append("No stack processes found in ").append(stackRunDirectory).append(" (set STACK_HOME).\n\n");
		}

		md.append(String.format(Locale.ROOT, "Invariants: %s over %d orders%s %s (checked in %.1f s)%n",
				invariants.holds() ? "hold" : invariants.violationCount() + " violation(s)", invariants.orders(),
				history == null ? "" : ", history included", invariants.byStatus(), invariants.seconds()));
		for (String violation : invariants.violations()) {
			md.append("- ").append(violation).append('\n');
		}
		if (invariants.violationCount() > invariants.violations().size()) {
			md.append("- … and ").append(invariants.violationCount() - invariants.violations().size())
				.append(" more\n");
		}
		return md.toString();
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

	private static void latencyRow(StringBuilder md, String name, Latency l) {
		if (l.count() == 0) {
			md.append("| ").append(name).append(" | 0 | – | – | – | – | – | – | – |\n");
			return;
		}
		md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", name, l.count(),
				fmt(l.mean()), fmt(l.p50()), fmt(l.p90()), fmt(l.p95()), fmt(l.p99()), fmt(l.p999()), fmt(l.max())));
	}

	private void usageRow(StringBuilder md, StackProcesses.Usage u) {
		Double perOrder = cpuMsPerOrder.get(u.name());
		md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", u.name(),
				u.pid() < 0 ? "" : Long.toString(u.pid()), fmt(u.cpuSeconds()), perOrder == null ? "–" : fmt(perOrder),
				fmt(u.rssMb()), fmt(u.peakRssMb())));
	}

	private static String secs(double seconds) {
		return fmt(seconds) + " s";
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
