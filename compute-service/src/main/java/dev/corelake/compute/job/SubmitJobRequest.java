package dev.corelake.compute.job;

import dev.corelake.compute.memory.MemorySizes;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.platform.naming.ResourceName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A job to run.
 *
 * @param kind {@code sql} (the default), {@code profile}, {@code train} or
 * {@code predict}
 * @param sql the query (SQL jobs): a read-only Spark SQL query whose tables are catalog
 * datasets, {@code name} for the latest version or {@code `name@3`} for version 3
 * @param output the dataset that receives the result as a new version (SQL and predict
 * jobs); created, owned by the caller, when it does not exist
 * @param dataset the dataset to profile, train on or score, {@code name} or
 * {@code name@3} (profile, train and predict jobs)
 * @param training what to fit (train jobs)
 * @param prediction which model version to apply (predict jobs)
 * @param resources cores and memory
 * @param timeoutSeconds how long the job may run; the service default when absent
 * @param maxRetries how often a failed run is retried (not for errors in the query
 * itself)
 * @author Corelake
 */
record SubmitJobRequest(JobKind kind, @Size(max = 100_000) String sql, @ResourceName String output,
		@Pattern(regexp = "[a-z][a-z0-9_-]{0,62}(@[1-9][0-9]{0,8})?") String dataset, TrainingSpec training,
		@Valid PredictionRequest prediction, @Valid Resources resources,
		@Min(1) @Max(7 * 86_400) Integer timeoutSeconds, @Min(0) @Max(10) Integer maxRetries) {

	/**
	 * The model version a predict job applies.
	 *
	 * @param model the model name
	 * @param modelVersion its version; the latest when absent
	 */
	record PredictionRequest(@Pattern(regexp = "[a-z][a-z0-9_-]{0,56}") String model,
			@Min(1) @Max(999_999_999) Integer modelVersion) {
	}

	/**
	 * Resources of a job.
	 *
	 * @param cores cores
	 * @param memory memory: {@code 2g}, {@code 2Gi}, {@code 1536m} … (binary units)
	 * @param executors Spark Kubernetes executors besides the job's pod (the Kubernetes
	 * runner only); absent: the pod runs Spark {@code local[cores]}
	 */
	record Resources(@Min(1) @Max(256) Integer cores,
			@Size(max = 16) @Pattern(regexp = MemorySizes.PATTERN,
					message = "must be a size such as 2g, 2Gi or 1536m") String memory,
			@Valid ExecutorsRequest executors) {
	}

	/**
	 * Executor pods of a job, when one pod is not enough.
	 *
	 * @param count how many executor pods
	 * @param cores cores of each
	 * @param memory memory limit of each, checked against the same budget as a job's
	 */
	record ExecutorsRequest(@Min(1) @Max(1024) Integer count, @Min(1) @Max(256) Integer cores,
			@Size(max = 16) @Pattern(regexp = MemorySizes.PATTERN,
					message = "must be a size such as 2g, 2Gi or 1536m") String memory) {
	}

}
