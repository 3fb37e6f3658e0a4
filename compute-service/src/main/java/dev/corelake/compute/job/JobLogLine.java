package dev.corelake.compute.job;

import java.time.Instant;

/**
 * One line of a job's log.
 *
 * @param at when
 * @param level {@code INFO}, {@code WARN} or {@code ERROR}
 * @param message what happened
 * @author Corelake
 */
public record JobLogLine(Instant at, String level, String message) {

}
