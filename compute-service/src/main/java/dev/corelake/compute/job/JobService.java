package dev.corelake.compute.job;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.corelake.compute.catalog.CatalogClient;
import dev.corelake.compute.catalog.CatalogClient.DatasetInfo;
import dev.corelake.compute.catalog.CatalogClient.VersionInfo;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.memory.MemorySizes;
import dev.corelake.compute.ml.Algorithm;
import dev.corelake.compute.ml.MlValidation;
import dev.corelake.compute.ml.ModelCards;
import dev.corelake.compute.ml.PredictionSpec;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.sql.GuardedQuery;
import dev.corelake.compute.sql.SqlGuard;
import dev.corelake.compute.sql.TableRef;
import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.lake.Lake;
import dev.corelake.platform.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;

/**
 * Accepting, showing and cancelling jobs. Everything a job needs is settled while the
 * caller waits, with the caller's own token: the SQL (or the training specification) is
 * checked, the memory request split and checked, every table pinned to a dataset version
 * the caller may read, a training's columns checked against that version's schema, a
 * prediction's model version pinned and its features checked, and the output dataset (for
 * a train job the model's dataset {@code model-<name>}) created or checked to be the
 * caller's. Only then is the job stored (queued) and handed to the runner.
 *
 * @author Corelake
 */
@ConditionalOnWebApplication
@Service
public class JobService {

	private static final Logger logger = LoggerFactory.getLogger(JobService.class);

	/** The catalog format of model versions. */
	static final String SPARK_ML = "SPARK_ML";

	private static final String MODEL_DATASET_PREFIX = TrainingSpec.MODEL_DATASET_PREFIX;

	private final JobRepository jobs;

	private final JobRunner runner;

	private final SqlGuard guard;

	private final JvmMemoryBudget budget;

	private final CatalogClient catalog;

	private final JobAccess access;

	private final ComputeProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final Lake lake;

	JobService(JobRepository jobs, JobRunner runner, SqlGuard guard, JvmMemoryBudget budget, CatalogClient catalog,
			JobAccess access, ComputeProperties properties, JsonMapper json, Clock clock, Lake lake) {
		this.jobs = jobs;
		this.runner = runner;
		this.guard = guard;
		this.budget = budget;
		this.catalog = catalog;
		this.access = access;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.lake = lake;
	}

	JobView submit(SubmitJobRequest request) {
		JobAccess.Caller caller = this.access.caller();
		caller.requireSubmit();
		JobKind kind = (request.kind() != null) ? request.kind() : JobKind.SQL;
		int cores = (request.resources() != null && request.resources().cores() != null) ? request.resources().cores()
				: this.properties.jobs().defaultCores();
		long memory = (request.resources() != null && request.resources().memory() != null)
				? MemorySizes.parse(request.resources().memory()) : this.properties.jobs().defaultMemory().toBytes();
		if (cores > this.properties.memory().maxCores()) {
			throw invalid("resources.cores", "A job may ask for at most " + this.properties.memory().maxCores()
					+ " cores; asked for " + cores + ".");
		}
		Duration timeout = (request.timeoutSeconds() != null) ? Duration.ofSeconds(request.timeoutSeconds())
				: this.properties.jobs().defaultTimeout();
		if (timeout.compareTo(this.properties.jobs().maxTimeout()) > 0) {
			throw invalid("timeoutSeconds",
					"A job may run at most " + this.properties.jobs().maxTimeout().toSeconds() + " seconds.");
		}
		int retries = (request.maxRetries() != null) ? request.maxRetries() : 0;
		if (retries > this.properties.jobs().maxRetries()) {
			throw invalid("maxRetries",
					"A job may be retried at most " + this.properties.jobs().maxRetries() + " times.");
		}
		List<TableRef> tables = tables(kind, request);
		TrainingSpec training = (kind == JobKind.TRAIN) ? checkTraining(request.training()) : null;
		this.budget.check(memory, cores, this.runner.maxJobHeap());
		Executors executors = executors(request.resources());
		if (this.jobs.countUnfinished() >= this.properties.local().maxQueuedJobs()) {
			throw new CorelakeException(ComputeErrorCode.JOB_QUEUE_FULL,
					"Too many jobs are queued or running; try again later.")
				.withHeader("Retry-After", "30");
		}
		List<ResolvedInput> inputs = new ArrayList<>();
		List<VersionInfo> versions = new ArrayList<>();
		for (TableRef table : tables) {
			VersionInfo version = this.catalog.resolve(table.dataset(), table.version());
			versions.add(version);
			inputs.add(new ResolvedInput(table.identifier(), table.dataset(), version.version(), version.location(),
					version.format()));
		}
		PredictionSpec prediction = null;
		String output = request.output();
		if (kind == JobKind.TRAIN) {
			checkColumns(training, versions.get(0));
			output = training.modelDataset();
			prepareOutput(output, "Model " + training.model() + ": Spark ML pipelines trained by compute jobs", caller);
		}
		else if (kind == JobKind.PREDICT) {
			VersionInfo model = this.catalog.resolve(MODEL_DATASET_PREFIX + request.prediction().model(),
					request.prediction().modelVersion());
			prediction = modelToApply(request.prediction().model(), model, versions.get(0));
			inputs.add(new ResolvedInput(null, model.dataset(), model.version(), model.location(), model.format()));
		}
		if (kind == JobKind.SQL || kind == JobKind.PREDICT) {
			prepareOutput(output, "Output of compute jobs", caller);
		}
		ComputeJob job = new ComputeJob(UUID.randomUUID().toString(), kind, caller.name(), JobState.QUEUED,
				this.runner.kind(), request.sql(), output, training, prediction, List.copyOf(inputs), cores, memory,
				(int) timeout.toSeconds(), retries, 0, false, JobProgress.NONE, null, null, null, null,
				this.clock.instant(), null, null, this.clock.instant(), executors);
		this.jobs.insert(job);
		this.jobs.log(job.id(), "INFO", "Submitted by " + caller.name() + "; reads "
				+ inputs.stream().map((input) -> input.dataset() + "@" + input.version()).toList());
		logger.info("Job {} ({}) submitted by {}", job.id(), kind.apiName(), caller.name());
		this.runner.submit(job);
		return view(job);
	}

	private List<TableRef> tables(JobKind kind, SubmitJobRequest request) {
		if (kind == JobKind.PROFILE) {
			if (request.dataset() == null || request.sql() != null || request.output() != null
					|| request.training() != null || request.prediction() != null) {
				throw invalid("dataset", "A profile job names one dataset (\"dataset\": \"name\" or \"name@3\") "
						+ "and neither sql nor output.");
			}
			return List.of(TableRef.parse(request.dataset()));
		}
		if (kind == JobKind.TRAIN) {
			if (request.dataset() == null || request.training() == null || request.sql() != null
					|| request.output() != null || request.prediction() != null) {
				throw invalid("training", "A train job names one dataset (\"dataset\": \"name\" or \"name@3\") and "
						+ "\"training\", and neither sql, output nor prediction (the output is the model's dataset).");
			}
			return List.of(TableRef.parse(request.dataset()));
		}
		if (kind == JobKind.PREDICT) {
			if (request.dataset() == null || request.output() == null || request.prediction() == null
					|| request.prediction().model() == null || request.sql() != null || request.training() != null) {
				throw invalid("prediction", "A predict job names the dataset to score (\"dataset\"), the \"output\" "
						+ "dataset and \"prediction\": {\"model\", optional \"modelVersion\"}, and neither sql nor "
						+ "training.");
			}
			return List.of(TableRef.parse(request.dataset()));
		}
		if (request.sql() == null || request.sql().isBlank() || request.output() == null || request.dataset() != null
				|| request.training() != null || request.prediction() != null) {
			throw invalid("sql", "A SQL job needs \"sql\" and \"output\" (the dataset that receives the result), "
					+ "and no \"dataset\".");
		}
		GuardedQuery query = this.guard.check(request.sql());
		return query.tables();
	}

	/**
	 * Checks a training specification before anything is resolved: the algorithm, its
	 * parameters, the columns' names and the split.
	 */
	private static TrainingSpec checkTraining(TrainingSpec requested) {
		TrainingSpec spec = requested.withDefaults();
		List<FieldViolation> violations = new ArrayList<>();
		Map<String, Object> params = MlValidation.training(spec, violations);
		throwIfAny(violations, "The training specification is invalid");
		return new TrainingSpec(spec.model(), spec.algorithm(), List.copyOf(spec.features()), spec.label(), params,
				spec.testFraction(), spec.seed());
	}

	/**
	 * Checks the feature and label columns against the input version's schema, when the
	 * catalog knows it (else Spark checks them when the job runs).
	 */
	private static void checkColumns(TrainingSpec spec, VersionInfo input) {
		if (input.schema() == null || input.schema().isEmpty()) {
			return;
		}
		List<FieldViolation> violations = new ArrayList<>();
		MlValidation.columns(spec, Algorithm.fromApiName(spec.algorithm()).orElseThrow(), schemaOf(input),
				input.dataset() + "@" + input.version(), violations);
		throwIfAny(violations, "The training columns do not fit " + input.dataset() + "@" + input.version());
	}

	/**
	 * The model version a predict job applies: a Spark ML version with a readable
	 * {@code corelake-model.json}, whose features the input has (when its schema is
	 * known).
	 */
	private PredictionSpec modelToApply(String model, VersionInfo version, VersionInfo input) {
		String name = model + "@" + version.version();
		if (!SPARK_ML.equalsIgnoreCase(version.format())) {
			throw new CorelakeException(ComputeErrorCode.COMPUTE_MODEL_UNUSABLE,
					"Model " + name + " cannot be applied: " + version.dataset() + " version " + version.version()
							+ " is " + version.format() + ", not a Spark ML model.");
		}
		List<ModelCards.Feature> features;
		try {
			features = ModelCards.features(ModelCards.read(this.lake, version.location(), this.json));
		}
		catch (IllegalStateException ex) {
			throw new CorelakeException(ComputeErrorCode.COMPUTE_MODEL_UNUSABLE,
					"Model " + name + " cannot be applied: " + ex.getMessage() + ".");
		}
		if (input.schema() != null && !input.schema().isEmpty()) {
			List<FieldViolation> violations = new ArrayList<>();
			MlValidation.prediction(features, schemaOf(input), input.dataset() + "@" + input.version(), name,
					violations);
			throwIfAny(violations,
					"Dataset " + input.dataset() + "@" + input.version() + " cannot be scored by model " + name);
		}
		return new PredictionSpec(model, version.version(), features);
	}

	private static Map<String, String> schemaOf(VersionInfo version) {
		Map<String, String> schema = new LinkedHashMap<>();
		version.schema().forEach((column) -> schema.put(column.name(), column.type()));
		return schema;
	}

	private static void throwIfAny(List<FieldViolation> violations, String detail) {
		if (!violations.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
					detail + ": " + violations.stream().map((v) -> v.field() + " " + v.message()).toList())
				.withViolations(violations);
		}
	}

	private void prepareOutput(String output, String description, JobAccess.Caller caller) {
		DatasetInfo dataset = this.catalog.findDataset(output)
			.orElseGet(() -> this.catalog.createDataset(output, description));
		if (!dataset.owner().equals(caller.name()) && !caller.isAdmin()) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED, "Dataset '" + output + "' belongs to "
					+ dataset.owner() + "; a job writes only to a dataset of its submitter's (or a new one).");
		}
	}

	JobView get(String id) {
		return view(visible(id));
	}

	PageResponse<JobView> list(JobState state, int page, int size) {
		JobAccess.Caller caller = this.access.caller();
		String owner = caller.readsAll() ? null : caller.name();
		List<JobView> items = this.jobs.list(owner, state, page, size).stream().map(this::view).toList();
		return PageResponse.of(items, page, size, this.jobs.count(owner, state));
	}

	JobView cancel(String id) {
		ComputeJob job = this.access.caller().changeable(find(id));
		if (job.state().isFinished() || job.state() == JobState.COMMITTING) {
			throw new CorelakeException(ComputeErrorCode.JOB_STATE_CONFLICT,
					"Job '" + id + "' is " + job.state().apiName() + " and can no longer be cancelled.");
		}
		if (this.jobs.requestCancel(id)) {
			this.jobs.log(id, "WARN", "Cancel requested by " + this.access.caller().name());
			if (this.jobs.transition(id, Set.of(JobState.QUEUED), JobState.CANCELLED, "CANCELLED",
					"Cancelled before it started")) {
				logger.info("Job {} cancelled while queued", id);
			}
			else {
				this.runner.cancel(find(id));
			}
		}
		return view(find(id));
	}

	List<JobLogLine> logs(String id) {
		ComputeJob job = visible(id);
		List<JobLogLine> lines = new ArrayList<>(this.jobs.logs(id));
		this.runner.externalLogs(job).forEach((line) -> lines.add(new JobLogLine(null, "POD", line)));
		return lines;
	}

	private ComputeJob visible(String id) {
		return this.access.caller().visible(find(id));
	}

	private ComputeJob find(String id) {
		return this.jobs.find(id).orElseThrow(() -> JobNotFoundException.withId(id));
	}

	private JobView view(ComputeJob job) {
		JobProgress progress = (job.state() == JobState.RUNNING) ? this.runner.progress(job) : job.progress();
		Object result = (job.resultJson() != null) ? this.json.readValue(job.resultJson(), Object.class) : null;
		JobView.Error error = (job.errorCode() != null) ? new JobView.Error(job.errorCode(), job.error()) : null;
		return new JobView(job.id(), job.kind(), job.state(), job.owner(),
				job.runner().name().toLowerCase(java.util.Locale.ROOT), job.sql(), job.output(), job.training(),
				(job.prediction() != null)
						? new JobView.PredictionView(job.prediction().model(), job.prediction().modelVersion()) : null,
				job.inputs()
					.stream()
					.map((input) -> new JobView.Input(input.table(), input.dataset(), input.version()))
					.toList(),
				new JobView.Resources(job.cores(), job.memoryBytes() / (1024 * 1024),
						(job.executors() != null) ? new JobView.ExecutorsView(job.executors().count(),
								job.executors().cores(), job.executors().memoryBytes() / (1024 * 1024)) : null),
				job.timeoutSeconds(), job.maxRetries(), job.attempt(), JobView.Progress.of(progress), error, result,
				job.outputVersion(), job.createdAt(), job.startedAt(), job.finishedAt());
	}

	/**
	 * The executors a job asks for, checked: the Kubernetes runner only, at most the
	 * configured count, at most the cores a job may have, and each executor's memory
	 * through the same budget as a job's (its heap flags are derived from it).
	 */
	private Executors executors(SubmitJobRequest.Resources resources) {
		SubmitJobRequest.ExecutorsRequest request = (resources != null) ? resources.executors() : null;
		if (request == null) {
			return null;
		}
		if (this.runner.kind() != RunnerKind.KUBERNETES) {
			throw invalid("resources.executors", "Executors need the Kubernetes runner; this service runs jobs "
					+ this.runner.kind().name().toLowerCase(java.util.Locale.ROOT) + " (Spark local[cores]).");
		}
		int max = this.properties.kubernetes().executors().maxCount();
		if (request.count() == null || request.count() > max) {
			throw invalid("resources.executors.count", "A job may ask for 1 to " + max + " executors"
					+ ((request.count() != null) ? "; asked for " + request.count() + "." : "; count is missing."));
		}
		int cores = (request.cores() != null) ? request.cores() : this.properties.jobs().defaultCores();
		if (cores > this.properties.memory().maxCores()) {
			throw invalid("resources.executors.cores", "An executor may ask for at most "
					+ this.properties.memory().maxCores() + " cores; asked for " + cores + ".");
		}
		long memory = (request.memory() != null) ? MemorySizes.parse(request.memory())
				: this.properties.jobs().defaultMemory().toBytes();
		this.budget.check("Each executor: ", memory, cores, Long.MAX_VALUE);
		return new Executors(request.count(), cores, memory);
	}

	private static CorelakeException invalid(String field, String detail) {
		return new CorelakeException(CommonErrorCode.VALIDATION_FAILED, detail).with("field", field);
	}

}
