package com.ecommerce.shared.metrics;

import org.slf4j.Logger;

/**
 * The state of a gauge's background count: a gauge reads the last count, so a scrape never queries a store; while
 * the store can't answer, the gauge keeps its last value and the outage is logged once, with one line when counting
 * works again, rather than a warning every few seconds.
 */
public final class GaugeRefresh {

	private final Logger log;

	private final String what;

	private volatile boolean failing;

	/** @param what what is counted, for the log ("overdue orders", "the transaction queues") */
	public GaugeRefresh(Logger log, String what) {
		this.log = log;
		this.what = what;
	}

	/** The count failed: warns on the first failure of an outage only. */
	public void failed(String why) {
		if (!this.failing) {
			this.failing = true;
			this.log.warn("Cannot count {}; the gauges keep their last values: {}", this.what, why);
		}
	}

	/** The count worked: says so once after an outage. */
	public void succeeded() {
		if (this.failing) {
			this.failing = false;
			this.log.info("Counting {} again", this.what);
		}
	}

}
