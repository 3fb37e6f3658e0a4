package dev.corelake.model.registry;

import java.time.Instant;

/**
 * A version of a model, as the registry keeps it.
 *
 * @param model the model
 * @param version its number (the catalog version of {@code model-<name>})
 * @param card what the trained version says about itself
 * @param trainingRunId the training run that produced it, when known
 * @param computeJobId the compute job that trained it
 * @param createdAt when it was registered here
 * @author Corelake
 */
public record ModelVersion(String model, int version, ModelCard card, String trainingRunId, String computeJobId,
		Instant createdAt) {

	/**
	 * Where the artifact is.
	 * @return the lake URI of the PipelineModel directory
	 */
	public String artifact() {
		return this.card.artifact();
	}

}
