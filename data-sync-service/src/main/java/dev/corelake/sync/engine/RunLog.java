package dev.corelake.sync.engine;

import java.time.Clock;

import dev.corelake.sync.run.RunRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes a run's log lines to its log in the database (what {@code GET …/logs} shows) and
 * to the service's log.
 *
 * @author Corelake
 */
final class RunLog {

	private static final Log logger = LogFactory.getLog(RunLog.class);

	private final RunRepository runs;

	private final Clock clock;

	private final int keep;

	RunLog(RunRepository runs, Clock clock, int keep) {
		this.runs = runs;
		this.clock = clock;
		this.keep = keep;
	}

	void info(long run, String message) {
		logger.info("Run " + run + ": " + message);
		write(run, "INFO", message);
	}

	void warn(long run, String message) {
		logger.warn("Run " + run + ": " + message);
		write(run, "WARN", message);
	}

	void error(long run, String message) {
		logger.error("Run " + run + ": " + message);
		write(run, "ERROR", message);
	}

	private void write(long run, String level, String message) {
		try {
			this.runs.log(run, level, message, this.clock.instant(), this.keep);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not store a log line of run " + run + ": " + ex.getMessage());
		}
	}

}
