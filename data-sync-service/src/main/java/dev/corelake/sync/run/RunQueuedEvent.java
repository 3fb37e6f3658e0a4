package dev.corelake.sync.run;

/**
 * Published when a run is queued, so that the executing side looks for work at once
 * rather than at its next poll.
 *
 * @param runId the run
 * @author Corelake
 */
public record RunQueuedEvent(long runId) {
}
