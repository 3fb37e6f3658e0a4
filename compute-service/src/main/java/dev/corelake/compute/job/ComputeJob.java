package dev.corelake.compute.job;

import java.time.Instant;
import java.util.List;

import dev.corelake.compute.ml.PredictionSpec;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;

/**
 * A compute job as stored: the record comes first, the work after.
 *
 * @param id job id (a UUID)
 * @param kind what it computes
 * @param owner who submitted it
 * @param state where it is
 * @param runner where it runs
 * @param sql the query ({@code null} for a profile)
 * @param output the dataset that receives the result ({@code null} for a profile;
 * {@code model-<name>} for a train job)
 * @param training what a train job fits ({@code null} for other kinds)
 * @param prediction what a predict job applies ({@code null} for other kinds)
 * @param inputs the dataset versions it reads, pinned at submission
 * @param cores cores asked for
 * @param memoryBytes memory asked for
 * @param timeoutSeconds how long it may run
 * @param maxRetries how often a failed run is retried
 * @param attempt the current or last run, from 1
 * @param cancelRequested whether its owner asked to cancel it
 * @param progress how far its Spark work is
 * @param errorCode why it failed, as a code ({@code SPARK_...}, {@code TIMED_OUT} …)
 * @param error why it failed, summarised
 * @param resultJson its result (output statistics or the profile), JSON
 * @param outputVersion the registered output version
 * @param createdAt submission time
 * @param startedAt start of the current or last run
 * @param finishedAt when it finished
 * @param updatedAt last change
 * @param executors Spark Kubernetes executors, or {@code null} when the job's Spark runs
 * {@code local[cores]}
 * @author Corelake
 */
public record ComputeJob(String id, JobKind kind, String owner, JobState state, RunnerKind runner, String sql,
		String output, TrainingSpec training, PredictionSpec prediction, List<ResolvedInput> inputs, int cores,
		long memoryBytes, int timeoutSeconds, int maxRetries, int attempt, boolean cancelRequested,
		JobProgress progress, String errorCode, String error, String resultJson, Integer outputVersion,
		Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt, Executors executors) {

	/**
	 * A job without Kubernetes executors.
	 * @param id job id
	 * @param kind what it computes
	 * @param owner who submitted it
	 * @param state where it is
	 * @param runner where it runs
	 * @param sql the query
	 * @param output the output dataset
	 * @param training what a train job fits
	 * @param prediction what a predict job applies
	 * @param inputs the dataset versions it reads
	 * @param cores cores asked for
	 * @param memoryBytes memory asked for
	 * @param timeoutSeconds how long it may run
	 * @param maxRetries retries
	 * @param attempt the current or last run
	 * @param cancelRequested whether a cancel was asked for
	 * @param progress progress
	 * @param errorCode error code
	 * @param error error summary
	 * @param resultJson result JSON
	 * @param outputVersion registered output version
	 * @param createdAt submission time
	 * @param startedAt start of the run
	 * @param finishedAt end
	 * @param updatedAt last change
	 */
	public ComputeJob(String id, JobKind kind, String owner, JobState state, RunnerKind runner, String sql,
			String output, TrainingSpec training, PredictionSpec prediction, List<ResolvedInput> inputs, int cores,
			long memoryBytes, int timeoutSeconds, int maxRetries, int attempt, boolean cancelRequested,
			JobProgress progress, String errorCode, String error, String resultJson, Integer outputVersion,
			Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt) {
		this(id, kind, owner, state, runner, sql, output, training, prediction, inputs, cores, memoryBytes,
				timeoutSeconds, maxRetries, attempt, cancelRequested, progress, errorCode, error, resultJson,
				outputVersion, createdAt, startedAt, finishedAt, updatedAt, null);
	}

	/**
	 * The Spark job group (and fair-scheduler description) of the current run.
	 * @return {@code corelake-<id>}
	 */
	public String sparkGroup() {
		return "corelake-" + this.id;
	}

	/**
	 * The lake staging run id of the current attempt.
	 * @return {@code <id>-<attempt>}
	 */
	public String stagingRunId() {
		return this.id + "-" + this.attempt;
	}

	/**
	 * The lake version id its output is committed under.
	 * @return {@code job-<id>}
	 */
	public String outputVersionId() {
		return "job-" + this.id;
	}

}
