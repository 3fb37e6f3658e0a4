package dev.corelake.sync.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of data-sync-service: answers of its API, and the reasons a run failed (a
 * run's {@code errorCode}).
 *
 * @author Corelake
 */
public enum SyncErrorCode implements EnumErrorCode {

	/** No source with that name (or none the caller may see). */
	SOURCE_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Source not found",
			"No sync source with this name exists, or the caller may not see it.")),

	/** The source name is taken. */
	SOURCE_ALREADY_EXISTS(ErrorDefinition.of(HttpStatus.CONFLICT, "Source already exists",
			"A sync source with this name already exists; source names are unique.")),

	/** Jobs still use the source. */
	SOURCE_IN_USE(ErrorDefinition.of(HttpStatus.CONFLICT, "Source in use",
			"The source cannot be deleted while sync jobs use it; delete those jobs first.")),

	/** The source points somewhere the service is not allowed to read. */
	SOURCE_NOT_ALLOWED(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Source not allowed",
			"The source points where data-sync-service may not read: a file outside the allowed directories, "
					+ "a URL whose host is not on the allowlist or that resolves (or redirects) to a loopback, "
					+ "private, link-local or metadata address, or a JDBC URL with a driver or setting that is "
					+ "not allowed.")),

	/** A secret reference resolves to nothing. */
	SECRET_NOT_FOUND(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Secret not found",
			"The secret reference names no configured secret (corelake.sync.secrets.<name>) and no file in the "
					+ "secrets directory.")),

	/** The source could not be reached. */
	SOURCE_UNREACHABLE(ErrorDefinition.retryable(HttpStatus.BAD_GATEWAY, "Source unreachable",
			"The source could not be reached or refused the connection or the credentials; the run can be "
					+ "retried once it is back.")),

	/** The source answered, but not with what the job needs. */
	SOURCE_READ_FAILED(ErrorDefinition.of(HttpStatus.BAD_GATEWAY, "Source read failed",
			"The source answered with an error or with data the job cannot read (a missing table or column, an "
					+ "HTTP error status, a record over the size limit).")),

	/** The source changed between two attempts of one run. */
	SOURCE_CHANGED(ErrorDefinition.of(HttpStatus.CONFLICT, "Source changed",
			"The file or URL changed (size, time or entity tag) while the run was interrupted, so it cannot be "
					+ "resumed without mixing two versions of the data; start a new run.")),

	/** Too many rejected records. */
	REJECT_LIMIT_EXCEEDED(ErrorDefinition.of(HttpStatus.UNPROCESSABLE_CONTENT, "Reject limit exceeded",
			"More records were rejected than the job's reject limit (count or percentage) allows; nothing was "
					+ "committed. The rejected records and their reasons are kept in the run's rejects file.")),

	/** No job with that name. */
	SYNC_JOB_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Sync job not found",
			"No sync job with this name exists, or the caller may not see it.")),

	/** The job name is taken. */
	JOB_ALREADY_EXISTS(ErrorDefinition.of(HttpStatus.CONFLICT, "Sync job already exists",
			"A sync job with this name already exists; job names are unique.")),

	/** The job has a run that has not finished. */
	RUN_ALREADY_ACTIVE(ErrorDefinition.of(HttpStatus.CONFLICT, "Run already active",
			"The job has a run that is queued, running or committing; a job runs once at a time, so that "
					+ "incremental high-water marks stay exact.")),

	/** No run with that id. */
	RUN_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Sync run not found",
			"No sync run with this id exists, or the caller may not see it.")),

	/** The run is past the point where it could be cancelled. */
	RUN_NOT_CANCELLABLE(ErrorDefinition.of(HttpStatus.CONFLICT, "Run not cancellable",
			"Only queued and running runs can be cancelled; a committing run's data is already in the lake and "
					+ "a finished run cannot change.")),

	/** The run has no rejects file. */
	REJECTS_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Rejects not found",
			"The run rejected no records, or its rejects file has been removed with its staging area.")),

	/** The lake could not be written. */
	LAKE_WRITE_FAILED(ErrorDefinition.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Lake write failed",
			"Writing to or committing in the lake failed (file system unavailable or full).")),

	/** The run was interrupted and cannot be resumed. */
	RUN_INTERRUPTED(ErrorDefinition.of(HttpStatus.CONFLICT, "Run interrupted",
			"The process running the run stopped, and the run could not be resumed from its checkpoint."));

	private final ErrorDefinition definition;

	SyncErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers data-sync-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<SyncErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("data-sync-service", SyncErrorCode.class);
		}

	}

}
