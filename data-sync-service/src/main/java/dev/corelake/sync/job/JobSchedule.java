package dev.corelake.sync.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.springframework.scheduling.support.CronExpression;

/**
 * Cron schedules of jobs, in UTC: the usual five fields (minute, hour, day of month,
 * month, day of week), six with seconds first, or a macro such as {@code @daily}.
 *
 * @author Corelake
 */
public final class JobSchedule {

	private JobSchedule() {
	}

	/**
	 * Parses a schedule.
	 * @param schedule the cron expression
	 * @return the expression
	 * @throws IllegalArgumentException when it is not one
	 */
	public static CronExpression parse(String schedule) {
		String trimmed = schedule.trim();
		String expression = (!trimmed.startsWith("@") && trimmed.split("\\s+").length == 5) ? "0 " + trimmed : trimmed;
		return CronExpression.parse(expression);
	}

	/**
	 * When a schedule fires next after a time.
	 * @param schedule the cron expression
	 * @param after the time
	 * @return the next time, or {@code null} when it never fires again
	 */
	public static Instant next(String schedule, Instant after) {
		ZonedDateTime next = parse(schedule).next(after.atZone(ZoneOffset.UTC));
		return (next != null) ? next.toInstant() : null;
	}

}
