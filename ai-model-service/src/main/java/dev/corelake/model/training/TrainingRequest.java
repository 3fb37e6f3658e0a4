package dev.corelake.model.training;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A training run to start.
 *
 * @param dataset the training data: {@code name@3} for version 3, {@code name} for the
 * latest (compute-service pins it to an exact version)
 * @param algorithm {@code logistic_regression}, {@code linear_regression},
 * {@code random_forest_classifier}, {@code random_forest_regressor},
 * {@code gbt_classifier}, {@code gbt_regressor} or {@code kmeans}
 * @param features the feature columns
 * @param label the label column (not for {@code kmeans})
 * @param params MLlib parameters of the algorithm (compute-service checks names and
 * types)
 * @param testFraction share of rows held out for evaluation
 * @param seed split and algorithm seed
 * @param resources cores and memory of the compute job
 * @param timeoutSeconds how long the compute job may run
 * @param description the model's description, when the run creates it
 * @author Corelake
 */
public record TrainingRequest(@NotNull @Pattern(regexp = DATASET) String dataset,
		@NotNull @Pattern(regexp = ALGORITHMS, message = "must be one of " + ALGORITHM_LIST) String algorithm,
		@NotNull @Size(min = 1,
				max = 200) List<@NotNull @Pattern(regexp = COLUMN, message = COLUMN_MESSAGE) String> features,
		@Pattern(regexp = COLUMN, message = COLUMN_MESSAGE) String label,
		@Size(max = 50) Map<@Pattern(regexp = "[a-zA-Z][a-zA-Z0-9]{0,63}") String, Object> params,
		@DecimalMin(value = "0.0", inclusive = false) @DecimalMax("0.9") Double testFraction, Long seed,
		@Valid Resources resources, @Min(1) @Max(7 * 86_400) Integer timeoutSeconds,
		@Size(max = 2000) @Pattern(regexp = "[^\\x00]*",
				message = "must not contain NUL characters") String description) {

	/** A dataset, optionally with its version. */
	static final String DATASET = "[a-z][a-z0-9_-]{0,62}(@[1-9][0-9]{0,8})?";

	/** A column name. */
	static final String COLUMN = "[A-Za-z_][A-Za-z0-9_]{0,127}";

	static final String COLUMN_MESSAGE = "must be a column name: a letter or '_', then letters, digits or '_' (at most 128)";

	static final String ALGORITHMS = "logistic_regression|linear_regression|random_forest_classifier|random_forest_regressor|gbt_classifier|gbt_regressor|kmeans";

	static final String ALGORITHM_LIST = "logistic_regression, linear_regression, random_forest_classifier, random_forest_regressor, gbt_classifier, gbt_regressor, kmeans";

	/**
	 * Resources of the compute job.
	 *
	 * @param cores cores
	 * @param memory memory: {@code 2g}, {@code 2Gi}, {@code 1536m} …
	 */
	public record Resources(@Min(1) @Max(256) Integer cores,
			@Size(max = 16) @Pattern(regexp = "[0-9]{1,9}([kKmMgGtT]([iI]|[bB])?)?",
					message = "must be a size such as 2g, 2Gi or 1536m") String memory) {
	}

}
