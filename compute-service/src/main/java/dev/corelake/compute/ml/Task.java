package dev.corelake.compute.ml;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a trained model predicts.
 *
 * @author Corelake
 */
public enum Task {

	/** A class (the label's values); metrics accuracy, precision, recall, F1, AUC. */
	CLASSIFICATION,

	/** A number; metrics RMSE, MAE, R². */
	REGRESSION,

	/** A cluster, without a label; metric silhouette. */
	CLUSTERING;

	/**
	 * The name the API uses.
	 * @return e.g. {@code classification}
	 */
	@JsonValue
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
