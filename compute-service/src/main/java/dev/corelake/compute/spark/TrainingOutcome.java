package dev.corelake.compute.spark;

import java.util.List;
import java.util.Map;

import dev.corelake.compute.ml.ModelCards.Feature;
import dev.corelake.compute.ml.Task;

/**
 * What a train job fitted and how well it does on its test rows.
 *
 * @param algorithm the algorithm ({@code logistic_regression} …)
 * @param task classification, regression or clustering
 * @param metrics classification: accuracy, precision, recall, f1 (weighted by class) and,
 * with two classes, auc; regression: rmse, mae, r2; clustering: silhouette. A metric
 * Spark cannot compute is {@code null}.
 * @param featureSchema the feature columns the model reads, with their types
 * @param label the label column, or {@code null} (clustering)
 * @param labels the label's classes in index order, when the label is a string
 * @param trainRows rows it was fitted on
 * @param testRows rows it was measured on
 * @param params the effective MLlib parameters (set or default)
 * @param seed the seed of the split and the estimator
 * @param testFraction the share held out
 * @param sparkVersion the Spark version that wrote the model
 * @author Corelake
 */
public record TrainingOutcome(String algorithm, Task task, Map<String, Double> metrics, List<Feature> featureSchema,
		Feature label, List<String> labels, long trainRows, long testRows, Map<String, Object> params, long seed,
		double testFraction, String sparkVersion) {

}
