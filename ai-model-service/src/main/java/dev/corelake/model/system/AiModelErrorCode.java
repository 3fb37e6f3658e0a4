package dev.corelake.model.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of ai-model-service.
 *
 * @author Corelake
 */
public enum AiModelErrorCode implements EnumErrorCode {

	/** No model of that name (or none the caller may see). */
	MODEL_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Model not found",
			"No model of this name exists, or the caller may not see it (the two are answered alike).")),

	/** The model has no such version. */
	MODEL_VERSION_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Model version not found",
			"The model exists but has no version with this number (versions appear when a training run succeeds).")),

	/** The model has no such alias. */
	MODEL_ALIAS_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Model alias not found",
			"The model has no alias of this name; set it with PUT /api/v1/models/{name}/aliases/{alias}.")),

	/** No training run with that id for that model. */
	TRAINING_RUN_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Training run not found",
			"No training run with this id exists for this model, or the caller may not see it.")),

	/** The training run's state does not allow the operation. */
	TRAINING_RUN_STATE_CONFLICT(ErrorDefinition.of(HttpStatus.CONFLICT, "Training run state conflict",
			"The training run's state does not allow this operation (for example cancelling a finished run).")),

	/** The version's artifact is not in the lake. */
	MODEL_ARTIFACT_MISSING(ErrorDefinition.of(HttpStatus.CONFLICT, "Model artifact missing",
			"The model version is registered but its artifact directory (or its corelake-model.json) is no longer "
					+ "in the lake, so it cannot serve predictions. Point the alias at another version or train "
					+ "again.")),

	/** The version's artifact cannot be read as a Corelake model. */
	MODEL_ARTIFACT_INVALID(ErrorDefinition.of(HttpStatus.CONFLICT, "Model artifact invalid",
			"The model version's artifact exists but is not a readable Spark PipelineModel with a valid "
					+ "corelake-model.json (damaged or written by something else). The detail names what failed.")),

	/** Spark could not compute predictions for rows that passed validation. */
	MODEL_PREDICTION_FAILED(ErrorDefinition.of(HttpStatus.UNPROCESSABLE_CONTENT, "Prediction failed",
			"The rows matched the version's feature schema, but the model could not compute predictions for "
					+ "them (for example a value the pipeline refuses). The detail carries Spark's message."));

	private final ErrorDefinition definition;

	AiModelErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers ai-model-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<AiModelErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("ai-model-service", AiModelErrorCode.class);
		}

	}

}
