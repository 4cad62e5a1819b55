package com.ecommerce.shared.logging;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Lets through one warning (or error) of the loggers under {@code logger} per {@code interval}, and drops the rest.
 * For a library that warns on every attempt at something that fails for minutes on end: OpenTelemetry's span
 * exporter warns on every batch it cannot send while Zipkin is down, which would be a line every few seconds in
 * every service. The first line of an outage says it; the next, an interval later, says it still lasts.
 * Configured in logback-spring.xml.
 */
public class OneWarningPer extends TurboFilter {

	private String logger = "";

	private Duration interval = Duration.ofMinutes(10);

	// System.nanoTime() from which the next warning may pass; null until the first one, which always does.
	private Long nextAllowed;

	public void setLogger(String logger) {
		this.logger = logger;
	}

	public void setInterval(String interval) {
		this.interval = Duration.parse(interval);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable t) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || this.logger.isEmpty()
				|| !logger.getName().startsWith(this.logger)) {
			return FilterReply.NEUTRAL;
		}
		if (format == null && t == null) {
			// isWarnEnabled(): must not use up the permit of the line that follows.
			return FilterReply.NEUTRAL;
		}
		return allow(System.nanoTime()) ? FilterReply.NEUTRAL : FilterReply.DENY;
	}

	// Only this filter's own loggers' warnings get here, rarely: a lock costs nothing.
	synchronized boolean allow(long now) {
		if (this.nextAllowed != null && now - this.nextAllowed < 0) {
			return false;
		}
		this.nextAllowed = now + this.interval.toNanos();
		return true;
	}

}
