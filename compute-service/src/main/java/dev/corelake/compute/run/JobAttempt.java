package dev.corelake.compute.run;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.corelake.compute.catalog.CatalogClient;
import dev.corelake.compute.catalog.CatalogClient.Column;
import dev.corelake.compute.catalog.CatalogClient.Input;
import dev.corelake.compute.catalog.CatalogClient.NewVersion;
import dev.corelake.compute.catalog.CatalogClient.VersionInfo;
import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.ml.ModelCards;
import dev.corelake.compute.spark.SparkErrors;
import dev.corelake.compute.spark.SparkJobExecution;
import dev.corelake.compute.spark.SparkJobExecution.JobStoppedException;
import dev.corelake.compute.spark.SparkJobExecution.ProfileOutcome;
import dev.corelake.compute.spark.SparkJobExecution.SqlOutcome;
import dev.corelake.compute.spark.TrainingOutcome;
import dev.corelake.errors.client.UpstreamProblemException;
import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.ResourceAccessException;

/**
 * Runs a queued job to its end, the same way in this JVM and in a job pod: start the
 * attempt (queued → running), write the output (query result, predictions, or a fitted
 * model with its {@code corelake-model.json}) into the run's staging area, move to
 * committing, commit the staging area by rename ({@code datasets/<output>/job-<id>}, or
 * {@code models/<model>/job-<id>}), register the version in the catalog with the exact
 * input versions, succeed. A cancel or timeout aborts the staging area (nothing is
 * committed); a failure is retried while retries are left, unless the query itself is
 * wrong. While catalog-service cannot be reached the job stays committing and
 * {@link #finishCommit} is tried again later; registration is idempotent.
 *
 * @author Corelake
 */
public class JobAttempt {

	/** The lake staging owner of compute jobs. */
	public static final String STAGING_OWNER = "compute";

	private static final Logger logger = LoggerFactory.getLogger(JobAttempt.class);

	private static final Set<JobState> RUNNING = Set.of(JobState.RUNNING);

	/** The catalog format of model versions. */
	private static final String MODEL_FORMAT = "SPARK_ML";

	private final JobRepository jobs;

	private final SparkJobExecution spark;

	private final Lake lake;

	private final CatalogClient catalog;

	private final JsonMapper json;

	private final ScheduledExecutorService timer;

	private final Duration heartbeat;

	/**
	 * Creates the attempt runner.
	 * @param jobs the job records
	 * @param spark the Spark work
	 * @param lake the lake
	 * @param catalog the catalog
	 * @param json JSON for results
	 * @param timer runs timeouts and lease heartbeats
	 * @param leaseTtl the staging lease time-to-live (heartbeats every third of it)
	 */
	public JobAttempt(JobRepository jobs, SparkJobExecution spark, Lake lake, CatalogClient catalog, JsonMapper json,
			ScheduledExecutorService timer, Duration leaseTtl) {
		this.jobs = jobs;
		this.spark = spark;
		this.lake = lake;
		this.catalog = catalog;
		this.json = json;
		this.timer = timer;
		this.heartbeat = leaseTtl.dividedBy(3);
	}

	/**
	 * Runs a queued job, with its retries, unless it was cancelled meanwhile.
	 * @param id the job
	 * @param stop how it is stopped from outside
	 * @return the job's state at the end
	 */
	public Optional<JobState> run(String id, StopHandle stop) {
		while (true) {
			if (stop.isStopped()) {
				this.jobs.transition(id, Set.of(JobState.QUEUED), JobState.CANCELLED, "CANCELLED",
						"Cancelled before it started");
				return this.jobs.find(id).map(ComputeJob::state);
			}
			Optional<ComputeJob> started = this.jobs.start(id);
			if (started.isEmpty()) {
				return this.jobs.find(id).map(ComputeJob::state);
			}
			ComputeJob job = started.get();
			this.jobs.log(id, "INFO", "Attempt " + job.attempt() + " started");
			ScheduledFuture<?> timeout = this.timer.schedule(() -> stop.stop(StopHandle.Reason.TIMED_OUT),
					job.timeoutSeconds(), TimeUnit.SECONDS);
			stop.attach(job.sparkGroup());
			boolean retry;
			try {
				retry = attempt(job, stop);
			}
			finally {
				timeout.cancel(false);
			}
			if (!retry) {
				return this.jobs.find(id).map(ComputeJob::state);
			}
		}
	}

	private boolean attempt(ComputeJob job, StopHandle stop) {
		Staging staging = null;
		ScheduledFuture<?> heartbeats = null;
		try {
			if (job.kind() == JobKind.PROFILE) {
				ProfileOutcome profile = this.spark.runProfile(job, stop::isStopped);
				this.jobs.result(job.id(), this.json.writeValueAsString(profile), null);
				if (this.jobs.transition(job.id(), RUNNING, JobState.SUCCEEDED, null, null)) {
					this.jobs.log(job.id(), "INFO", "Profiled " + profile.dataset() + "@" + profile.version() + ": "
							+ profile.rowCount() + " rows, " + profile.columns().size() + " columns");
				}
				return false;
			}
			staging = this.lake.stage(STAGING_OWNER, job.stagingRunId());
			Staging lease = staging;
			heartbeats = this.timer.scheduleWithFixedDelay(lease::heartbeat, this.heartbeat.toMillis(),
					this.heartbeat.toMillis(), TimeUnit.MILLISECONDS);
			Consumer<String> log = (line) -> this.jobs.log(job.id(), "INFO", line);
			Map<String, Object> result;
			String done;
			if (job.kind() == JobKind.TRAIN) {
				TrainingOutcome outcome = this.spark.runTraining(job, staging.dir().toString(), stop::isStopped, log);
				if (stop.isStopped()) {
					throw new JobStoppedException();
				}
				Map<String, Object> card = card(job, outcome);
				ModelCards.write(this.lake, staging.dir(), card, this.json);
				result = new LinkedHashMap<>();
				result.put("training", card);
				result.put("location", card.get("artifact"));
				result.put("bytes", artifactBytes(staging.dir()));
				done = "Trained " + outcome.algorithm() + " (" + outcome.task().apiName() + "): " + outcome.metrics();
			}
			else {
				SqlOutcome outcome = (job.kind() == JobKind.PREDICT)
						? this.spark.runPrediction(job, staging.dir().toString(), stop::isStopped, log)
						: this.spark.runSql(job, staging.dir().toString(), stop::isStopped);
				if (stop.isStopped()) {
					throw new JobStoppedException();
				}
				result = new LinkedHashMap<>(outcome.asMap());
				result.put("location", this.lake.locationOf(job.output(), job.outputVersionId()).toString());
				done = "Wrote " + outcome.rowCount() + " rows (" + outcome.bytes() + " bytes)";
			}
			this.jobs.result(job.id(), this.json.writeValueAsString(result), null);
			if (!this.jobs.transition(job.id(), RUNNING, JobState.COMMITTING, null, null)) {
				// cancelled or timed out at the last moment: nothing is committed
				staging.abort();
				return false;
			}
			heartbeats.cancel(false);
			this.jobs.log(job.id(), "INFO", done);
			commit(job, staging);
			this.jobs.log(job.id(), "INFO", "Committed " + result.get("location"));
			finishCommit(this.jobs.find(job.id()).orElseThrow());
			return false;
		}
		catch (Exception ex) {
			// Spark throws checked exceptions (SparkException, AnalysisException)
			// undeclared
			if (heartbeats != null) {
				heartbeats.cancel(false);
			}
			return failed(job, staging, stop, ex);
		}
	}

	private boolean failed(ComputeJob job, Staging staging, StopHandle stop, Exception failure) {
		if (staging != null && staging.exists()) {
			ComputeJob current = this.jobs.find(job.id()).orElse(job);
			if (current.state() == JobState.RUNNING) {
				staging.abort();
			}
		}
		if (stop.reason() == StopHandle.Reason.SHUTDOWN) {
			if (staging != null && staging.exists()) {
				staging.abort();
			}
			this.jobs.log(job.id(), "WARN", "Stopped by the shutdown of compute-service");
			return false;
		}
		if (stop.reason() == StopHandle.Reason.CANCELLED) {
			if (this.jobs.transition(job.id(), RUNNING, JobState.CANCELLED, "CANCELLED", "Cancelled while running")) {
				this.jobs.log(job.id(), "WARN", "Cancelled; nothing was committed");
			}
			return false;
		}
		if (stop.reason() == StopHandle.Reason.TIMED_OUT) {
			String message = "Ran longer than its timeout of " + job.timeoutSeconds() + " s; nothing was committed";
			if (this.jobs.transition(job.id(), RUNNING, JobState.TIMED_OUT, "TIMED_OUT", message)) {
				this.jobs.log(job.id(), "WARN", message);
			}
			return false;
		}
		String code = (failure instanceof IllegalArgumentException) ? "JOB_INVALID" : SparkErrors.code(failure);
		String summary = (failure instanceof IllegalArgumentException) ? failure.getMessage()
				: SparkErrors.summary(failure);
		boolean permanent = failure instanceof IllegalArgumentException || SparkErrors.isPermanent(failure);
		this.jobs.log(job.id(), "ERROR", "Attempt " + job.attempt() + " failed: " + summary);
		if (!permanent && job.attempt() <= job.maxRetries()) {
			if (this.jobs.transition(job.id(), RUNNING, JobState.QUEUED, code, summary)) {
				this.jobs.log(job.id(), "INFO", "Retrying (" + job.attempt() + " of " + job.maxRetries() + " retries)");
				return true;
			}
			return false;
		}
		if (!permanent) {
			logger.warn("Job {} failed: {}", job.id(), summary, failure);
		}
		this.jobs.transition(job.id(), RUNNING, JobState.FAILED, code, summary);
		return false;
	}

	/**
	 * Finishes a committing job: commits its staging area if a crash came first, then
	 * registers the output version. Leaves the job committing when catalog-service cannot
	 * be reached; fails it (and removes the committed files) when the catalog refuses.
	 * @param job a committing job
	 */
	public void finishCommit(ComputeJob job) {
		if (job.state() != JobState.COMMITTING) {
			return;
		}
		Map<String, Object> result = readResult(job);
		boolean model = job.kind() == JobKind.TRAIN;
		Path committed = model ? this.lake.modelPath(job.training().model(), job.outputVersionId())
				: this.lake.versionPath(job.output(), job.outputVersionId());
		URI location = committed.toUri();
		try {
			if (!this.lake.fileSystem().exists(committed)) {
				commit(job, this.lake.stage(STAGING_OWNER, job.stagingRunId()));
			}
		}
		catch (java.io.IOException ex) {
			logger.warn("Job {}: cannot check its committed output, will retry: {}", job.id(), ex.getMessage());
			return;
		}
		List<Input> inputs = job.inputs().stream().map((input) -> new Input(input.dataset(), input.version())).toList();
		NewVersion version = model
				? new NewVersion(location.toString(), MODEL_FORMAT, featureColumns(result),
						((Number) training(result).get("trainRows")).longValue(),
						((Number) result.get("bytes")).longValue(), "compute-job:" + job.id(), inputs)
				: new NewVersion(location.toString(), "PARQUET", columns(result),
						((Number) result.get("rowCount")).longValue(), ((Number) result.get("bytes")).longValue(),
						"compute-job:" + job.id(), inputs);
		VersionInfo registered;
		try {
			registered = this.catalog.register(job.output(), version);
		}
		catch (ResourceAccessException ex) {
			this.jobs.log(job.id(), "WARN", "catalog-service unreachable, registration will be retried");
			return;
		}
		catch (UpstreamProblemException ex) {
			if (ex.getStatusCode().is5xxServerError() || ex.getStatusCode().value() == 429) {
				this.jobs.log(job.id(), "WARN",
						"catalog-service answered " + ex.getUpstreamCode() + ", registration will be retried");
				return;
			}
			this.lake.delete(committed);
			String detail = "catalog-service refused the output (" + ex.getUpstreamCode() + "): "
					+ ex.getBody().getDetail();
			this.jobs.transition(job.id(), Set.of(JobState.COMMITTING), JobState.FAILED, "OUTPUT_REGISTRATION_REFUSED",
					detail);
			this.jobs.log(job.id(), "ERROR", detail + "; the committed files were removed");
			return;
		}
		result.put("version", registered.version());
		if (model) {
			training(result).put("modelVersion", registered.version());
		}
		this.jobs.result(job.id(), this.json.writeValueAsString(result), registered.version());
		if (this.jobs.transition(job.id(), Set.of(JobState.COMMITTING), JobState.SUCCEEDED, null, null)) {
			this.jobs.log(job.id(), "INFO", "Registered as " + job.output() + " version " + registered.version());
			logger.info("Job {} succeeded: {} version {}", job.id(), job.output(), registered.version());
		}
	}

	private void commit(ComputeJob job, Staging staging) {
		if (job.kind() == JobKind.TRAIN) {
			this.lake.commitModel(staging, job.training().model(), job.outputVersionId());
		}
		else {
			this.lake.commit(staging, job.output(), job.outputVersionId());
		}
	}

	/**
	 * The description of a trained model version: the train job's {@code result.training}
	 * and the artifact's {@code corelake-model.json}. Its {@code modelVersion} is known
	 * only once the catalog has registered the version, so the file (written before the
	 * commit, never changed after) does not carry it.
	 */
	private Map<String, Object> card(ComputeJob job, TrainingOutcome outcome) {
		ResolvedInput input = job.inputs().get(0);
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("model", job.training().model());
		card.put("artifact", this.lake.modelPath(job.training().model(), job.outputVersionId()).toUri().toString());
		card.put("algorithm", outcome.algorithm());
		card.put("task", outcome.task().apiName());
		card.put("metrics", outcome.metrics());
		card.put("featureSchema", outcome.featureSchema());
		if (outcome.label() != null) {
			card.put("label", outcome.label());
		}
		if (outcome.labels() != null) {
			card.put("labels", outcome.labels());
		}
		card.put("trainRows", outcome.trainRows());
		card.put("testRows", outcome.testRows());
		card.put("dataset", input.dataset());
		card.put("datasetVersion", input.version());
		card.put("params", outcome.params());
		card.put("seed", outcome.seed());
		card.put("testFraction", outcome.testFraction());
		card.put("producedBy", "compute-job:" + job.id());
		card.put("sparkVersion", outcome.sparkVersion());
		return card;
	}

	private long artifactBytes(Path dir) throws java.io.IOException {
		long bytes = 0;
		org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = this.lake.fileSystem()
			.listFiles(dir, true);
		while (files.hasNext()) {
			org.apache.hadoop.fs.LocatedFileStatus file = files.next();
			String name = file.getPath().getName();
			if (!name.startsWith(".") && !name.equals(Lake.LEASE)) {
				bytes += file.getLen();
			}
		}
		return bytes;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> training(Map<String, Object> result) {
		return (Map<String, Object>) result.get("training");
	}

	@SuppressWarnings("unchecked")
	private static List<Column> featureColumns(Map<String, Object> result) {
		return ((List<Map<String, Object>>) training(result).get("featureSchema")).stream()
			.map((column) -> new Column((String) column.get("name"), (String) column.get("type"), true))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> readResult(ComputeJob job) {
		return new LinkedHashMap<>(this.json.readValue(job.resultJson(), Map.class));
	}

	@SuppressWarnings("unchecked")
	private static List<Column> columns(Map<String, Object> result) {
		return ((List<Map<String, Object>>) result.get("schema")).stream()
			.map((column) -> new Column((String) column.get("name"), (String) column.get("type"),
					Boolean.TRUE.equals(column.get("nullable"))))
			.toList();
	}

}
