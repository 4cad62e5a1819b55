package com.ecommerce.shared.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GaugeRefreshTests {

	private final Logger log = new LoggerContext().getLogger("gauges");

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	GaugeRefreshTests() {
		this.logged.start();
		this.log.addAppender(this.logged);
	}

	@Test
	void anOutageIsOneWarningAndItsEndOneLineWhateverTheNumberOfRefreshes() {
		GaugeRefresh counting = new GaugeRefresh(this.log, "the outbox backlog");
		counting.succeeded();
		counting.failed("timed out");
		counting.failed("timed out");
		counting.failed("refused");
		counting.succeeded();
		counting.succeeded();
		counting.failed("refused");

		assertThat(this.logged.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(Level.WARN,
							"Cannot count the outbox backlog; the gauges keep their last values: timed out"),
					org.assertj.core.groups.Tuple.tuple(Level.INFO, "Counting the outbox backlog again"),
					org.assertj.core.groups.Tuple.tuple(Level.WARN,
							"Cannot count the outbox backlog; the gauges keep their last values: refused"));
	}

}
