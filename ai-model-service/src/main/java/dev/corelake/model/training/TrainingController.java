package dev.corelake.model.training;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.model.downstream.ComputeClient;
import dev.corelake.model.registry.Model;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/models/{name}/training-runs}: start, list, read and cancel training
 * runs, and read their logs.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/models/{name}/training-runs", produces = MediaType.APPLICATION_JSON_VALUE)
class TrainingController {

	static final String RUN_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final TrainingService service;

	TrainingController(TrainingService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RunView> start(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@Valid @RequestBody TrainingRequest request) {
		RunView run = RunView.of(this.service.start(name, request));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/models/" + name + "/training-runs/" + run.id()))
			.body(run);
	}

	@GetMapping
	PageResponse<RunView> list(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.service.list(name, page, size).map(RunView::of);
	}

	@GetMapping("/{id}")
	RunView get(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Pattern(regexp = RUN_ID) String id) {
		return RunView.of(this.service.get(name, id));
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<RunView> cancel(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Pattern(regexp = RUN_ID) String id) {
		return ResponseEntity.accepted().body(RunView.of(this.service.cancel(name, id)));
	}

	@GetMapping("/{id}/logs")
	List<Map<String, Object>> logs(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Pattern(regexp = RUN_ID) String id) {
		return this.service.logs(name, id);
	}

	/**
	 * A training run as the API shows it.
	 *
	 * @param id run id
	 * @param model the model
	 * @param state its state
	 * @param progress percent
	 * @param owner who started it
	 * @param computeJobId the compute job
	 * @param computeJob where the compute job answers
	 * @param algorithm the algorithm
	 * @param dataset the dataset as asked
	 * @param datasetVersion the exact version trained on (once known)
	 * @param request what was asked (features, label, params, split, seed, resources)
	 * @param metrics evaluation on the test split (succeeded runs)
	 * @param modelVersion the version produced (succeeded runs)
	 * @param error why it failed
	 * @param createdAt when it started
	 * @param updatedAt last change
	 * @param finishedAt when it finished
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RunView(String id, String model, RunState state, int progress, String owner, String computeJobId,
			String computeJob, String algorithm, String dataset, Object datasetVersion, Map<String, Object> request,
			Object metrics, Integer modelVersion, Error error, Instant createdAt, Instant updatedAt,
			Instant finishedAt) {

		static RunView of(TrainingRun run) {
			Map<String, Object> result = run.result();
			return new RunView(run.id(), run.model(), run.state(), run.progress(), run.owner(), run.computeJobId(),
					ComputeClient.JOBS + "/" + run.computeJobId(), run.algorithm(), run.dataset(),
					(result != null) ? result.get("datasetVersion") : null, run.request(),
					(result != null) ? result.get("metrics") : null, run.modelVersion(),
					(run.errorCode() != null || run.errorMessage() != null)
							? new Error(run.errorCode(), run.errorMessage()) : null,
					run.createdAt(), run.updatedAt(), run.finishedAt());
		}

	}

	/**
	 * Why a run failed.
	 *
	 * @param code a stable code (compute-service's, e.g. {@code TIMED_OUT})
	 * @param message the failure summarised
	 */
	record Error(String code, String message) {
	}

}
