package dev.corelake.sync.run;

import java.time.Instant;

/**
 * A run of a job.
 *
 * @param id id
 * @param jobId the job's id
 * @param jobName the job's name
 * @param dataset the job's target dataset
 * @param state state
 * @param trigger {@code MANUAL} or {@code SCHEDULE}
 * @param requestedBy who asked for it (the scheduler for scheduled runs)
 * @param cancelRequested whether a cancel was asked for while it ran
 * @param ownerInstance the instance executing it
 * @param leaseUntil until when that instance holds it (running), or when the next
 * registration attempt is due (committing)
 * @param attempt how many times an instance started on it
 * @param progress counts so far
 * @param planJson what the run reads, fixed when it first starts
 * @param errorCode why it failed
 * @param errorDetail what happened
 * @param datasetVersion the registered version's number
 * @param location the committed version's location
 * @param queuedAt when it was asked for
 * @param startedAt when it first started
 * @param finishedAt when it ended
 * @author Corelake
 */
public record Run(long id, long jobId, String jobName, String dataset, RunState state, String trigger,
		String requestedBy, boolean cancelRequested, String ownerInstance, Instant leaseUntil, int attempt,
		RunProgress progress, String planJson, String errorCode, String errorDetail, Integer datasetVersion,
		String location, Instant queuedAt, Instant startedAt, Instant finishedAt) {
}
