package dev.corelake.model.serving;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.model.downstream.ComputeClient;
import dev.corelake.model.registry.Model;
import dev.corelake.model.registry.ModelVersion;
import dev.corelake.model.registry.RegistryService;
import dev.corelake.platform.naming.ResourceName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/models/{name}/predict} (online) and {@code POST
 * /api/v1/models/{name}/batch-predictions} (a compute {@code predict} job).
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/models/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
class ServingController {

	private final PredictionService predictions;

	private final RegistryService registry;

	private final ComputeClient compute;

	ServingController(PredictionService predictions, RegistryService registry, ComputeClient compute) {
		this.predictions = predictions;
		this.registry = registry;
		this.compute = compute;
	}

	@PostMapping(path = "/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
	PredictionService.Predictions predict(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@Valid @RequestBody PredictRequest request) {
		requireOneOf(request.alias(), request.version());
		return this.predictions.predict(name, request.alias(), request.version(), request.rows());
	}

	@PostMapping(path = "/batch-predictions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<BatchPrediction> batch(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@Valid @RequestBody BatchPredictionRequest request) {
		requireOneOf(request.alias(), request.version());
		ModelVersion version = this.registry.resolve(name, request.alias(), request.version());
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("kind", "predict");
		job.put("dataset", request.dataset());
		job.put("output", request.output());
		job.put("prediction", Map.of("model", name, "modelVersion", version.version()));
		if (request.resources() != null) {
			job.put("resources", request.resources());
		}
		if (request.timeoutSeconds() != null) {
			job.put("timeoutSeconds", request.timeoutSeconds());
		}
		ComputeClient.Job submitted = this.compute.submit(job);
		String link = ComputeClient.JOBS + "/" + submitted.id();
		return ResponseEntity.accepted()
			.location(URI.create(link))
			.body(new BatchPrediction(submitted.id(), link, submitted.state(), name, version.version(), request.alias(),
					request.dataset(), request.output()));
	}

	private static void requireOneOf(String alias, Integer version) {
		if ((alias == null) == (version == null)) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "Name the model version to use.")
				.withViolations(List.of(new FieldViolation("alias", "exactly one of alias and version is required")));
		}
	}

	/**
	 * An online prediction request.
	 *
	 * @param alias the alias to use
	 * @param version the version to use
	 * @param rows the rows: objects of feature values
	 */
	record PredictRequest(@ResourceName String alias, @Min(1) @Max(999_999_999) Integer version,
			@NotNull @Size(min = 1) List<Object> rows) {
	}

	/**
	 * A batch prediction request.
	 *
	 * @param alias the alias to use
	 * @param version the version to use
	 * @param dataset the rows to score: {@code name} or {@code name@3}
	 * @param output the dataset that receives the scored rows as a new version
	 * @param resources cores and memory of the compute job
	 * @param timeoutSeconds how long the compute job may run
	 */
	record BatchPredictionRequest(@ResourceName String alias, @Min(1) @Max(999_999_999) Integer version,
			@NotNull @Pattern(regexp = "[a-z][a-z0-9_-]{0,62}(@[1-9][0-9]{0,8})?") String dataset,
			@NotNull @ResourceName String output, @Valid Resources resources,
			@Min(1) @Max(7 * 86_400) Integer timeoutSeconds) {
	}

	/**
	 * Resources of the compute job.
	 *
	 * @param cores cores
	 * @param memory memory: {@code 2g}, {@code 2Gi}, {@code 1536m} …
	 */
	record Resources(@Min(1) @Max(256) Integer cores,
			@Size(max = 16) @Pattern(regexp = "[0-9]{1,9}([kKmMgGtT]([iI]|[bB])?)?",
					message = "must be a size such as 2g, 2Gi or 1536m") String memory) {
	}

	/**
	 * A submitted batch prediction.
	 *
	 * @param computeJobId the compute job
	 * @param computeJob where it answers
	 * @param state its state
	 * @param model the model
	 * @param version the version that scores
	 * @param alias the alias asked for, if any
	 * @param dataset the input
	 * @param output the output dataset
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record BatchPrediction(String computeJobId, String computeJob, String state, String model, int version,
			String alias, String dataset, String output) {
	}

}
