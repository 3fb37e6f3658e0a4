package dev.corelake.compute.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a train job fits: an algorithm on feature columns (and a label column) of one
 * dataset version, with MLlib parameters, a train/test split and a seed.
 *
 * @param model the model name ({@code [a-z][a-z0-9_-]{0,56}}); its versions are the
 * versions of catalog dataset {@code model-<model>}
 * @param algorithm e.g. {@code logistic_regression} (see {@link Algorithm})
 * @param features the feature columns: numbers, booleans or strings
 * @param label the label column (not for {@code kmeans})
 * @param params MLlib parameters, from the algorithm's allow-list
 * @param testFraction share of the rows held out for the metrics, in (0, 1); 0.2 when
 * absent
 * @param seed seed of the split and of the estimator; 42 when absent
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSpec(String model, String algorithm, List<String> features, String label,
		Map<String, Object> params, Double testFraction, Long seed) {

	/** The test fraction when none is given. */
	public static final double DEFAULT_TEST_FRACTION = 0.2;

	/** The seed when none is given. */
	public static final long DEFAULT_SEED = 42;

	/** The prefix of the catalog dataset that holds a model's versions. */
	public static final String MODEL_DATASET_PREFIX = "model-";

	/**
	 * This specification with the defaults filled in.
	 * @return the specification as stored
	 */
	public TrainingSpec withDefaults() {
		return new TrainingSpec(this.model, this.algorithm, this.features, this.label,
				(this.params != null) ? new LinkedHashMap<>(this.params) : Map.of(),
				(this.testFraction != null) ? this.testFraction : DEFAULT_TEST_FRACTION,
				(this.seed != null) ? this.seed : DEFAULT_SEED);
	}

	/**
	 * The catalog dataset of the model.
	 * @return {@code model-<model>}
	 */
	public String modelDataset() {
		return MODEL_DATASET_PREFIX + this.model;
	}

}
