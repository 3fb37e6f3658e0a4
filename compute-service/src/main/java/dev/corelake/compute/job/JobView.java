package dev.corelake.compute.job;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.compute.ml.TrainingSpec;

/**
 * A job as the API shows it.
 *
 * @param id job id
 * @param kind {@code sql}, {@code profile}, {@code train} or {@code predict}
 * @param state its state
 * @param owner who submitted it
 * @param runner {@code local} or {@code kubernetes}
 * @param sql the query
 * @param output the output dataset ({@code model-<name>} for a train job)
 * @param training what a train job fits
 * @param prediction what a predict job applies
 * @param inputs the dataset versions it reads
 * @param resources cores and memory
 * @param timeoutSeconds its timeout
 * @param maxRetries its retries
 * @param attempt the current or last run
 * @param progress how far it is
 * @param error why it failed
 * @param result output statistics, the profile, or (train jobs) {@code training}: the
 * model version's description
 * @param outputVersion the registered output version
 * @param createdAt submission time
 * @param startedAt start of the current or last run
 * @param finishedAt when it finished
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(String id, JobKind kind, JobState state, String owner, String runner, String sql, String output,
		TrainingSpec training, PredictionView prediction, List<Input> inputs, Resources resources, int timeoutSeconds,
		int maxRetries, int attempt, Progress progress, Error error, Object result, Integer outputVersion,
		Instant createdAt, Instant startedAt, Instant finishedAt) {

	/**
	 * The model version a predict job applies.
	 *
	 * @param model the model
	 * @param modelVersion its version
	 */
	record PredictionView(String model, int modelVersion) {
	}

	/**
	 * An input.
	 *
	 * @param table its table name in the query
	 * @param dataset the dataset
	 * @param version the version
	 */
	record Input(String table, String dataset, int version) {
	}

	/**
	 * Resources.
	 *
	 * @param cores cores
	 * @param memoryMiB memory in MiB
	 * @param executors Spark Kubernetes executors, when the job runs them
	 */
	record Resources(int cores, long memoryMiB, ExecutorsView executors) {
	}

	/**
	 * Spark Kubernetes executors of a job.
	 *
	 * @param count executor pods
	 * @param cores cores of each
	 * @param memoryMiB memory limit of each, in MiB
	 */
	record ExecutorsView(int count, int cores, long memoryMiB) {
	}

	/**
	 * Progress.
	 *
	 * @param stagesDone stages done
	 * @param stagesTotal stages known
	 * @param tasksDone tasks done
	 * @param tasksTotal tasks known
	 * @param percent tasks done, percent
	 */
	record Progress(int stagesDone, int stagesTotal, int tasksDone, int tasksTotal, int percent) {

		static Progress of(JobProgress progress) {
			return new Progress(progress.stagesDone(), progress.stagesTotal(), progress.tasksDone(),
					progress.tasksTotal(), progress.percent());
		}

	}

	/**
	 * Why a job failed.
	 *
	 * @param code a stable code ({@code SPARK_DIVIDE_BY_ZERO}, {@code TIMED_OUT} …)
	 * @param message the failure summarised
	 */
	record Error(String code, String message) {
	}

}
