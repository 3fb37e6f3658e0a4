package dev.corelake.compute.job;

import java.util.List;

import dev.corelake.compute.system.ComputeProperties.RunnerKind;

/**
 * Runs queued jobs somewhere: in this JVM or as Kubernetes Jobs. The job record is stored
 * before {@link #submit} and every state change goes through {@link JobRepository}'s
 * compare-and-set transitions.
 *
 * @author Corelake
 */
public interface JobRunner {

	/**
	 * Where this runner runs jobs.
	 * @return the kind
	 */
	RunnerKind kind();

	/**
	 * The most heap one job may get from this runner.
	 * @return bytes
	 */
	long maxJobHeap();

	/**
	 * Starts (or queues) a stored, queued job.
	 * @param job the job
	 */
	void submit(ComputeJob job);

	/**
	 * Stops a job whose record is marked for cancelling: kills its Spark job group or
	 * deletes its pod. The runner moves it to {@code cancelled}.
	 * @param job the job
	 */
	void cancel(ComputeJob job);

	/**
	 * The live progress of a running job.
	 * @param job the job
	 * @return its progress, or the stored one
	 */
	default JobProgress progress(ComputeJob job) {
		return job.progress();
	}

	/**
	 * Log lines the runner holds besides the job's own log (a pod's output).
	 * @param job the job
	 * @return the lines, oldest first
	 */
	default List<String> externalLogs(ComputeJob job) {
		return List.of();
	}

}
