package dev.corelake.model.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.errors.client.UpstreamProblemException;
import dev.corelake.model.downstream.ComputeClient;
import dev.corelake.model.registry.ModelCard;
import dev.corelake.model.registry.ModelVersion;
import dev.corelake.model.registry.RegistryRepository;
import dev.corelake.model.registry.RegistryService;
import dev.corelake.model.system.AiModelErrorCode;
import dev.corelake.model.system.ModelAccess;
import dev.corelake.platform.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts training runs as compute-service {@code train} jobs and mirrors their state. A
 * run is brought up to date when read (with the reader's token, if it is the run's owner)
 * and in the background (with this service's own token); when its job succeeds the
 * trained version is registered from the job's {@code training} result.
 *
 * @author Corelake
 */
@Service
public class TrainingService {

	private static final Logger logger = LoggerFactory.getLogger(TrainingService.class);

	/** The compute job kind of a training run. */
	static final String TRAIN = "train";

	private final TrainingRepository runs;

	private final RegistryService registry;

	private final RegistryRepository versions;

	private final ComputeClient compute;

	private final ModelAccess access;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	TrainingService(TrainingRepository runs, RegistryService registry, RegistryRepository versions,
			ComputeClient compute, ModelAccess access, TransactionTemplate transactions, JsonMapper json) {
		this.runs = runs;
		this.registry = registry;
		this.versions = versions;
		this.compute = compute;
		this.access = access;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Starts a run: submits the compute job, then records the run (creating the model,
	 * owned by the caller, when it does not exist).
	 * @param model the model
	 * @param request what to train
	 * @return the run
	 */
	public TrainingRun start(String model, TrainingRequest request) {
		ModelAccess.Caller caller = this.access.caller();
		caller.requireCreate();
		if (this.versions.findModel(model).isPresent()) {
			this.registry.writable(model);
		}
		checkLabel(request);
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("model", model);
		training.put("algorithm", request.algorithm());
		training.put("features", request.features());
		putIfPresent(training, "label", request.label());
		putIfPresent(training, "params", request.params());
		putIfPresent(training, "testFraction", request.testFraction());
		putIfPresent(training, "seed", request.seed());
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("kind", TRAIN);
		job.put("dataset", request.dataset());
		job.put("training", training);
		putIfPresent(job, "resources", request.resources());
		putIfPresent(job, "timeoutSeconds", request.timeoutSeconds());
		ComputeClient.Job submitted = this.compute.submit(job);
		if (submitted == null || submitted.id() == null) {
			throw new CorelakeException(CommonErrorCode.UPSTREAM_BAD_RESPONSE,
					"compute-service accepted the training job without naming it.");
		}
		this.registry.createOrWritable(model, request.description());
		Map<String, Object> asked = new LinkedHashMap<>(training);
		asked.put("dataset", request.dataset());
		putIfPresent(asked, "resources", request.resources());
		putIfPresent(asked, "timeoutSeconds", request.timeoutSeconds());
		TrainingRun run = new TrainingRun(UUID.randomUUID().toString(), model, caller.name(), RunState.QUEUED, 0,
				submitted.id(), request.algorithm(), request.dataset(), this.json.convertValue(asked, Map.class), null,
				null, null, null, this.runs.now(), this.runs.now(), null);
		this.runs.insert(run);
		logger.info("Training run {} of model {} started as compute job {}", run.id(), model, submitted.id());
		return apply(run, submitted);
	}

	/**
	 * A model's runs, newest first, brought up to date.
	 * @param model the model
	 * @param page page number
	 * @param size page size
	 * @return the page
	 */
	public PageResponse<TrainingRun> list(String model, int page, int size) {
		this.registry.readable(model);
		List<TrainingRun> found = this.runs.list(model, page * size, size)
			.stream()
			.map(this::refreshForCaller)
			.toList();
		return PageResponse.of(found, page, size, this.runs.count(model));
	}

	/**
	 * A run, brought up to date.
	 * @param model the model
	 * @param id the run
	 * @return the run
	 */
	public TrainingRun get(String model, String id) {
		this.registry.readable(model);
		return refreshForCaller(find(model, id));
	}

	/**
	 * Cancels a run's compute job.
	 * @param model the model
	 * @param id the run
	 * @return the run after the request
	 */
	public TrainingRun cancel(String model, String id) {
		this.registry.writable(model);
		TrainingRun run = find(model, id);
		if (run.state().isFinished()) {
			throw new CorelakeException(AiModelErrorCode.TRAINING_RUN_STATE_CONFLICT,
					"Training run '" + id + "' is " + run.state().apiName() + " already.");
		}
		return apply(run, this.compute.cancel(run.computeJobId()));
	}

	/**
	 * A run's log, as compute-service keeps it for the job.
	 * @param model the model
	 * @param id the run
	 * @return the lines
	 */
	public List<Map<String, Object>> logs(String model, String id) {
		this.registry.readable(model);
		return this.compute.logs(find(model, id).computeJobId());
	}

	/**
	 * Brings every unfinished run up to date (background, with this service's token).
	 * @param limit most runs per pass
	 * @return how many runs changed
	 */
	public int refreshUnfinished(int limit) {
		int changed = 0;
		for (TrainingRun run : this.runs.unfinished(limit)) {
			TrainingRun after = refresh(run, true);
			if (after.state() != run.state() || after.progress() != run.progress()) {
				changed++;
			}
		}
		return changed;
	}

	private TrainingRun find(String model, String id) {
		return this.runs.find(model, id)
			.orElseThrow(() -> new CorelakeException(AiModelErrorCode.TRAINING_RUN_NOT_FOUND,
					"Model '" + model + "' has no training run '" + id + "'."));
	}

	private TrainingRun refreshForCaller(TrainingRun run) {
		ModelAccess.Caller caller = this.access.caller();
		// compute-service shows a job to its owner (and administrators) only
		if (run.state().isFinished() || !(caller.isAdmin() || caller.name().equals(run.owner()))) {
			return run;
		}
		return refresh(run, false);
	}

	private TrainingRun refresh(TrainingRun run, boolean background) {
		if (run.state().isFinished()) {
			return run;
		}
		ComputeClient.Job job;
		try {
			job = this.compute.job(run.computeJobId());
		}
		catch (UpstreamProblemException ex) {
			// 404: gone, or not visible to this token (a background refresh needs scope
			// compute.read); either way the run keeps its last known state
			if (background) {
				logger.debug("Training run {} not refreshed: compute-service answered {} for job {}", run.id(),
						ex.getUpstreamCode(), run.computeJobId());
			}
			return run;
		}
		catch (CorelakeException ex) {
			// compute-service down or slow: the run keeps its last known state
			logger.debug("Training run {} not refreshed: {}", run.id(), ex.getMessage());
			return run;
		}
		return apply(run, job);
	}

	@SuppressWarnings("unchecked")
	private TrainingRun apply(TrainingRun run, ComputeClient.Job job) {
		RunState state = RunState.ofComputeState(job.state());
		if (state == null) {
			return run;
		}
		int progress = (state == RunState.SUCCEEDED) ? 100 : Math.max(0, Math.min(100, job.percent()));
		if (state == run.state() && progress == run.progress()) {
			return run;
		}
		if (state == RunState.SUCCEEDED) {
			JsonNode training = (job.result() != null && job.result().has("training")) ? job.result().get("training")
					: job.result();
			ModelCard card = (training != null && training.isObject())
					? this.json.treeToValue(training, ModelCard.class) : null;
			if (card == null || card.modelVersion() == null || card.artifact() == null) {
				return change(run, RunState.FAILED, progress, null, null, "TRAINING_RESULT_MISSING",
						"compute job " + job.id() + " succeeded without a training result naming the model version.");
			}
			return change(run, state, progress, this.json.convertValue(training, Map.class), card, null, null);
		}
		String code = (job.error() != null) ? job.error().code() : null;
		String message = (job.error() != null) ? job.error().message() : null;
		return change(run, state, progress, null, null, code, message);
	}

	private TrainingRun change(TrainingRun run, RunState state, int progress, Map<String, Object> result,
			ModelCard card, String code, String message) {
		this.transactions.executeWithoutResult((status) -> {
			Integer version = (card != null) ? card.modelVersion() : null;
			if (!this.runs.update(run, state, progress, result, version, code, message)) {
				return;
			}
			if (card != null && this.versions.findVersion(run.model(), version).isEmpty()) {
				ModelCard registered = new ModelCard(run.model(), version, card.artifact(), card.task(),
						(card.algorithm() != null) ? card.algorithm() : run.algorithm(), card.metrics(),
						card.featureSchema(), card.label(), card.trainRows(), card.testRows(), card.dataset(),
						card.datasetVersion(), card.params(), card.seed(), card.testFraction());
				this.versions.insertVersion(new ModelVersion(run.model(), version, registered, run.id(),
						run.computeJobId(), this.runs.now()));
				logger.info("Model {} version {} registered from training run {}", run.model(), version, run.id());
			}
		});
		return this.runs.find(run.model(), run.id()).orElse(run);
	}

	private static void checkLabel(TrainingRequest request) {
		boolean clustering = "kmeans".equals(request.algorithm());
		String problem = null;
		if (clustering && request.label() != null) {
			problem = "must be absent for kmeans (clustering has no label)";
		}
		else if (!clustering && request.label() == null) {
			problem = "is required for " + request.algorithm();
		}
		else if (request.label() != null && request.features().contains(request.label())) {
			problem = "must not also be a feature";
		}
		if (problem != null) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "The training request is invalid.")
				.withViolations(List.of(new FieldViolation("label", problem)));
		}
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
