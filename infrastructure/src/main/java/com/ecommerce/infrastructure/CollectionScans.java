package com.ecommerce.infrastructure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the queries of this JVM's embedded MongoDB read, per collection: how many it could answer only by reading
 * every document of the collection (scans), and how many documents all of them read (examined: what an index gave as
 * candidates, or the whole collection). The check that a query is served by an index, and that a job's query reads
 * what it finds, not the history. Only a query with a condition counts as a scan; one without any (a whole list, a
 * count of everything) reads every document by design, on MongoDB too. A test resets the counts, does its work, and
 * asserts on them. Nothing is logged per query.
 *
 * <p>Collections are named as in {@code database.collection}; {@link #count(String)} adds up every database's
 * collection of that name (tests give each application context a database of its own).
 *
 * <p>Against a real MongoDB the same check is the server's: {@code db.adminCommand({setParameter: 1, notablescan: 1})}
 * makes every query that would scan a collection fail, and {@code explain("executionStats")} shows a query's plan
 * ({@code IXSCAN}, not {@code COLLSCAN}) and its {@code totalDocsExamined}. See docs/architecture.md.
 */
public final class CollectionScans {

	private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

	private CollectionScans() {
	}

	/** Forgets every count. */
	public static void reset() {
		COUNTS.clear();
	}

	/** The scans of collections named {@code collection}, in any database, since the last {@link #reset()}. */
	public static long count(String collection) {
		long scans = 0;
		for (Map.Entry<String, Counts> counts : COUNTS.entrySet()) {
			if (counts.getKey().endsWith("." + collection)) {
				scans += counts.getValue().scans.sum();
			}
		}
		return scans;
	}

	/** The scans of {@code database.collection} since the last {@link #reset()}. */
	public static long count(String database, String collection) {
		Counts counts = COUNTS.get(database + "." + collection);
		return (counts != null) ? counts.scans.sum() : 0;
	}

	/** The documents queries on {@code database.collection} read since the last {@link #reset()}. */
	public static long examined(String database, String collection) {
		Counts counts = COUNTS.get(database + "." + collection);
		return (counts != null) ? counts.examined.sum() : 0;
	}

	/** Every collection scanned since the last {@link #reset()} ({@code database.collection}), with its scans. */
	public static Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		COUNTS.forEach((collection, counts) -> {
			if (counts.scans.sum() > 0) {
				snapshot.put(collection, counts.scans.sum());
			}
		});
		return snapshot;
	}

	static void scanned(String namespace, long documents) {
		Counts counts = counts(namespace);
		counts.scans.increment();
		counts.examined.add(documents);
	}

	static void examined(String namespace, long documents) {
		counts(namespace).examined.add(documents);
	}

	private static Counts counts(String namespace) {
		return COUNTS.computeIfAbsent(namespace, (name) -> new Counts());
	}

	private record Counts(LongAdder scans, LongAdder examined) {

		Counts() {
			this(new LongAdder(), new LongAdder());
		}

	}

}
