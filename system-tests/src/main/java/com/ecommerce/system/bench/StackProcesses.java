package com.ecommerce.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's own processes, found through the pid files {@code scripts/stack} writes to {@code $STACK_HOME/run},
 * and what they cost, read from {@code /proc} (Linux only; elsewhere nothing is found and the figures are left out).
 * A component with a {@code NAME.external} file or without a pid file is not ours to measure.
 */
final class StackProcesses {

	static final List<String> SERVICES = List.of("auth-service", "customer-service", "product-service",
			"order-service", "payment-service", "transaction-worker");

	static final List<String> INFRASTRUCTURE = List.of("mongodb", "redis", "rabbitmq");

	/** CPU ticks per second; 100 on every Linux the JDK supports, asked from getconf to be sure. */
	private static final long TICKS = clockTicks();

	/** One reading of one process: CPU used since it started and its resident memory. */
	record Sample(String name, long pid, double cpuSeconds, long rssKb, long peakRssKb) {
	}

	/** What one process used over the run: CPU delta, RSS at the end and its peak RSS since it started. */
	record Usage(String name, long pid, double cpuSeconds, double rssMb, double peakRssMb) {
	}

	private final Path runDirectory;

	private final Map<String, Long> pids = new LinkedHashMap<>();

	StackProcesses(Path runDirectory) {
		this.runDirectory = runDirectory;
		for (String name : concat(SERVICES, INFRASTRUCTURE)) {
			Path pidFile = runDirectory.resolve(name + ".pid");
			if (Files.exists(runDirectory.resolve(name + ".external")) || !Files.isRegularFile(pidFile)) {
				continue;
			}
			try {
				long pid = Long.parseLong(Files.readString(pidFile).trim());
				if (Files.isDirectory(Path.of("/proc/" + pid))) {
					pids.put(name, pid);
				}
			}
			catch (IOException | NumberFormatException ex) {
				// An unreadable pid file is a component we can't measure, not a reason to stop the benchmark.
			}
		}
	}

	Path runDirectory() {
		return runDirectory;
	}

	Map<String, Long> found() {
		return pids;
	}

	/** A reading of every process found, plus the benchmark's own JVM as "bench" (it shares the machine). */
	Map<String, Sample> sample() {
		Map<String, Sample> samples = new LinkedHashMap<>();
		pids.forEach((name, pid) -> {
			Sample sample = read(name, pid);
			if (sample != null) {
				samples.put(name, sample);
			}
		});
		Sample self = read("bench", ProcessHandle.current().pid());
		if (self != null) {
			samples.put("bench", self);
		}
		return samples;
	}

	/** Per process the CPU used between the two readings; memory from the later one. */
	static List<Usage> usage(Map<String, Sample> before, Map<String, Sample> after) {
		List<Usage> usages = new ArrayList<>();
		after.forEach((name, end) -> {
			Sample start = before.get(name);
			// A process that restarted during the run has a new pid: its CPU since its start is all we know.
			double cpu = (start != null && start.pid() == end.pid()) ? end.cpuSeconds() - start.cpuSeconds()
					: end.cpuSeconds();
			usages.add(new Usage(name, end.pid(), Math.round(cpu * 100) / 100.0, mb(end.rssKb()),
					mb(end.peakRssKb())));
		});
		return usages;
	}

	/** The sum over the five services (not the infrastructure, not the benchmark). */
	static Usage servicesTotal(List<Usage> usages) {
		Set<String> services = Set.copyOf(SERVICES);
		return total("services total", usages.stream().filter((usage) -> services.contains(usage.name())).toList());
	}

	/** The sum over every stack process found: services and infrastructure, not the benchmark. */
	static Usage stackTotal(List<Usage> usages) {
		return total("stack total", usages.stream().filter((usage) -> !usage.name().equals("bench")).toList());
	}

	private static Usage total(String name, List<Usage> usages) {
		double cpu = 0, rss = 0, peak = 0;
		for (Usage usage : usages) {
			cpu += usage.cpuSeconds();
			rss += usage.rssMb();
			peak += usage.peakRssMb();
		}
		return new Usage(name, -1, Math.round(cpu * 100) / 100.0, Math.round(rss * 10) / 10.0,
				Math.round(peak * 10) / 10.0);
	}

	private static Sample read(String name, long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
			long rss = 0, peak = 0;
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line);
				}
				else if (line.startsWith("VmHWM:")) {
					peak = kilobytes(line);
				}
			}
			return new Sample(name, pid, (double) ticks / TICKS, rss, peak);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static long kilobytes(String statusLine) {
		return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
	}

	private static double mb(long kb) {
		return Math.round(kb / 1024.0 * 10) / 10.0;
	}

	private static long clockTicks() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
