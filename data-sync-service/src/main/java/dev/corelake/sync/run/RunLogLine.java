package dev.corelake.sync.run;

import java.time.Instant;

/**
 * A line of a run's log.
 *
 * @param id its id (for {@code ?after=})
 * @param at when
 * @param level {@code INFO}, {@code WARN} or {@code ERROR}
 * @param message what happened
 * @author Corelake
 */
public record RunLogLine(long id, Instant at, String level, String message) {
}
