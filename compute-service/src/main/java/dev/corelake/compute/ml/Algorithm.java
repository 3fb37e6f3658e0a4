package dev.corelake.compute.ml;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * The algorithms a train job may use, each a Spark MLlib estimator with an allow-list of
 * its parameters (MLlib's own names), their JSON types and ranges. The ranges keep a job
 * bounded (at most 1000 trees, depth 30, 10 000 iterations); MLlib's own checks apply on
 * top.
 *
 * @author Corelake
 */
public enum Algorithm {

	/** Logistic regression (binary or multinomial). */
	LOGISTIC_REGRESSION(Task.CLASSIFICATION, LogisticRegression::new,
			linear(Map.of("threshold", ParamSpec.number(0, 1), "family",
					ParamSpec.oneOf("auto", "binomial", "multinomial")))),

	/** Linear regression. */
	LINEAR_REGRESSION(Task.REGRESSION, LinearRegression::new,
			linear(Map.of("solver", ParamSpec.oneOf("auto", "normal", "l-bfgs"), "loss",
					ParamSpec.oneOf("squaredError", "huber"), "epsilon", ParamSpec.number(1, 1e6)))),

	/** Random forest classifier. */
	RANDOM_FOREST_CLASSIFIER(Task.CLASSIFICATION, RandomForestClassifier::new,
			forest(Map.of("impurity", ParamSpec.oneOf("gini", "entropy")))),

	/** Random forest regressor. */
	RANDOM_FOREST_REGRESSOR(Task.REGRESSION, RandomForestRegressor::new,
			forest(Map.of("impurity", ParamSpec.oneOf("variance")))),

	/** Gradient-boosted trees classifier (two classes). */
	GBT_CLASSIFIER(Task.CLASSIFICATION, GBTClassifier::new, boosted(Map.of("lossType", ParamSpec.oneOf("logistic")))),

	/** Gradient-boosted trees regressor. */
	GBT_REGRESSOR(Task.REGRESSION, GBTRegressor::new,
			boosted(Map.of("lossType", ParamSpec.oneOf("squared", "absolute")))),

	/** k-means clustering (no label). */
	KMEANS(Task.CLUSTERING, KMeans::new,
			params(Map.of("k", ParamSpec.integer(2, 1000), "maxIter", ParamSpec.integer(1, 10_000), "tol",
					ParamSpec.number(0, 1), "initMode", ParamSpec.oneOf("k-means||", "random"), "initSteps",
					ParamSpec.integer(1, 100), "distanceMeasure", ParamSpec.oneOf("euclidean", "cosine"))));

	private final Task task;

	private final Supplier<PipelineStage> estimator;

	private final Map<String, ParamSpec> params;

	Algorithm(Task task, Supplier<PipelineStage> estimator, Map<String, ParamSpec> params) {
		this.task = task;
		this.estimator = estimator;
		this.params = params;
	}

	/**
	 * The name the API uses.
	 * @return e.g. {@code logistic_regression}
	 */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads an API name.
	 * @param name e.g. {@code kmeans}
	 * @return the algorithm, or empty for an unknown name
	 */
	public static Optional<Algorithm> fromApiName(String name) {
		return Arrays.stream(values()).filter((algorithm) -> algorithm.apiName().equals(name)).findFirst();
	}

	/**
	 * What it predicts.
	 * @return the task
	 */
	public Task task() {
		return this.task;
	}

	/**
	 * Whether it needs a label column.
	 * @return {@code false} for clustering
	 */
	public boolean needsLabel() {
		return this.task != Task.CLUSTERING;
	}

	/**
	 * The allowed parameters, by MLlib name, sorted.
	 * @return the allow-list
	 */
	public Map<String, ParamSpec> params() {
		return this.params;
	}

	/**
	 * A new estimator with the given parameters set (already checked against the
	 * allow-list) and the seed, when the estimator has one.
	 * @param values parameters by MLlib name; values as {@link ParamSpec#convert} gives
	 * them
	 * @param seed the random seed
	 * @return the estimator
	 * @throws IllegalArgumentException when MLlib refuses a value
	 */
	public PipelineStage newEstimator(Map<String, Object> values, long seed) {
		PipelineStage stage = this.estimator.get();
		values.forEach((name, value) -> set(stage, name, value));
		if (stage.hasParam("seed")) {
			set(stage, "seed", seed);
		}
		return stage;
	}

	/**
	 * Sets a parameter by name (MLlib checks the value).
	 * @param stage the stage
	 * @param name the MLlib parameter name
	 * @param value the value
	 */
	public static void set(PipelineStage stage, String name, Object value) {
		Param<Object> param = stage.getParam(name);
		stage.set(param, value);
	}

	/**
	 * The values of the allowed parameters an estimator runs with: the ones set, else
	 * MLlib's defaults.
	 * @param stage an estimator of this algorithm
	 * @return parameters by name, sorted
	 */
	public Map<String, Object> effectiveParams(PipelineStage stage) {
		Map<String, Object> effective = new LinkedHashMap<>();
		for (String name : this.params.keySet()) {
			Param<Object> param = stage.getParam(name);
			if (stage.isDefined(param)) {
				effective.put(name, stage.getOrDefault(param));
			}
		}
		return effective;
	}

	private static Map<String, ParamSpec> linear(Map<String, ParamSpec> specific) {
		Map<String, ParamSpec> all = new LinkedHashMap<>(specific);
		all.put("maxIter", ParamSpec.integer(0, 10_000));
		all.put("regParam", ParamSpec.number(0, 1e6));
		all.put("elasticNetParam", ParamSpec.number(0, 1));
		all.put("tol", ParamSpec.number(0, 1));
		all.put("fitIntercept", ParamSpec.bool());
		all.put("standardization", ParamSpec.bool());
		all.put("aggregationDepth", ParamSpec.integer(2, 20));
		return params(all);
	}

	private static Map<String, ParamSpec> trees(Map<String, ParamSpec> specific) {
		Map<String, ParamSpec> all = new LinkedHashMap<>(specific);
		all.put("maxDepth", ParamSpec.integer(0, 30));
		all.put("maxBins", ParamSpec.integer(2, 10_000));
		all.put("minInstancesPerNode", ParamSpec.integer(1, 1_000_000));
		all.put("minInfoGain", ParamSpec.number(0, 1e6));
		all.put("subsamplingRate", ParamSpec.number(0, 1));
		all.put("featureSubsetStrategy", ParamSpec.oneOf("auto", "all", "onethird", "sqrt", "log2"));
		return all;
	}

	private static Map<String, ParamSpec> forest(Map<String, ParamSpec> specific) {
		Map<String, ParamSpec> all = trees(specific);
		all.put("numTrees", ParamSpec.integer(1, 1000));
		all.put("bootstrap", ParamSpec.bool());
		return params(all);
	}

	private static Map<String, ParamSpec> boosted(Map<String, ParamSpec> specific) {
		Map<String, ParamSpec> all = trees(specific);
		all.put("maxIter", ParamSpec.integer(1, 10_000));
		all.put("stepSize", ParamSpec.number(0, 1));
		return params(all);
	}

	private static Map<String, ParamSpec> params(Map<String, ParamSpec> all) {
		Map<String, ParamSpec> sorted = new LinkedHashMap<>();
		all.keySet().stream().sorted().forEach((name) -> sorted.put(name, all.get(name)));
		return Collections.unmodifiableMap(sorted);
	}

}
