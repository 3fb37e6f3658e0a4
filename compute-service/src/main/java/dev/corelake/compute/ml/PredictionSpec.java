package dev.corelake.compute.ml;

import java.util.List;

/**
 * What a predict job applies: one model version (pinned at submission) and the feature
 * columns it needs.
 *
 * @param model the model name
 * @param modelVersion its version (the catalog version of {@code model-<model>})
 * @param features the feature columns the model reads, from its
 * {@code corelake-model.json}
 * @author Corelake
 */
public record PredictionSpec(String model, int modelVersion, List<ModelCards.Feature> features) {

	/**
	 * The catalog dataset of the model.
	 * @return {@code model-<model>}
	 */
	public String modelDataset() {
		return TrainingSpec.MODEL_DATASET_PREFIX + this.model;
	}

}
