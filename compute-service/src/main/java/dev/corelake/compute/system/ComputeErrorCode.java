package dev.corelake.compute.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of compute-service.
 *
 * @author Corelake
 */
public enum ComputeErrorCode implements EnumErrorCode {

	/** No job with that id (or none the caller may see). */
	COMPUTE_JOB_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Job not found",
			"No compute job with this id exists, or the caller may not see it (the two are answered alike).")),

	/** The SQL is not a read-only query over catalog datasets. */
	SQL_NOT_ALLOWED(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "SQL not allowed",
			"The statement is not a read-only query over catalog datasets: DDL, DML, commands, direct file or "
					+ "path reads, table-valued functions other than generators, and functions that reach the "
					+ "file system, the network or the JVM are refused before Spark runs anything. The detail "
					+ "names the part that was refused.")),

	/** The SQL does not parse. */
	SQL_SYNTAX_ERROR(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "SQL syntax error",
			"Spark's SQL parser cannot parse the statement; the detail carries the parser's message and position.")),

	/** The requested memory cannot hold a Spark JVM, or is more than a job may get. */
	JOB_MEMORY_BUDGET_EXCEEDED(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Job memory budget exceeded",
			"The requested memory does not fit the JVM budget (heap + metaspace + code cache + thread stacks + "
					+ "direct memory + Spark overhead + headroom): either too little to leave Spark its minimum "
					+ "heap, or more than this service may give a job. The detail and the budget member show the "
					+ "numbers.")),

	/** The dataset has no version to read. */
	DATASET_HAS_NO_VERSION(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Dataset has no version",
			"A table in the query names a catalog dataset that has no committed version yet.")),

	/** The job is in a state that does not allow the operation. */
	JOB_STATE_CONFLICT(ErrorDefinition.of(HttpStatus.CONFLICT, "Job state conflict",
			"The job's state does not allow this operation (for example cancelling a finished job).")),

	/** The model version named by a predict job cannot be applied. */
	COMPUTE_MODEL_UNUSABLE(ErrorDefinition.of(HttpStatus.UNPROCESSABLE_CONTENT, "Model version unusable",
			"The model version a predict job names is not a Spark ML model version, or its artifact in the lake "
					+ "(corelake-model.json next to the pipeline) is missing, outside the lake or unreadable. The "
					+ "detail says which.")),

	/** Submissions are refused because the queue is full. */
	JOB_QUEUE_FULL(ErrorDefinition.retryable(HttpStatus.TOO_MANY_REQUESTS, "Job queue full",
			"Too many jobs are queued or running; retry after the Retry-After interval."));

	private final ErrorDefinition definition;

	ComputeErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers compute-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<ComputeErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("compute-service", ComputeErrorCode.class);
		}

	}

}
