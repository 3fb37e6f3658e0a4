package dev.corelake.compute.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.ml.Algorithm;
import dev.corelake.compute.ml.MlValidation;
import dev.corelake.compute.ml.MlValidation.ColumnKind;
import dev.corelake.compute.ml.ModelCards.Feature;
import dev.corelake.compute.ml.Task;
import dev.corelake.compute.ml.TrainingSpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits the pipeline of a train job. The pipeline takes the raw feature columns: numbers
 * and booleans go into the feature vector as they are, strings through a
 * {@code StringIndexer} (unseen and null values kept as their own index) and a
 * {@code OneHotEncoder}; a {@code VectorAssembler} (nulls kept as NaN) feeds the
 * estimator. A string label is indexed outside the pipeline (alphabetically, so the
 * classes' order is stable) and mapped back by a final {@code IndexToString} stage
 * ({@code predictedLabel}); k-means' integer cluster is turned into a double
 * {@code prediction} by a {@code SQLTransformer}. Rows with a null feature or label are
 * left out of training; the rest is split by {@code randomSplit} with the job's seed.
 *
 * @author Corelake
 */
final class SparkTraining {

	/** The assembled feature vector. */
	static final String FEATURES = MlValidation.INTERNAL_PREFIX + "features";

	/** The label as a double class index or value. */
	static final String LABEL = MlValidation.INTERNAL_PREFIX + "label";

	/** k-means' own (integer) cluster column. */
	static final String CLUSTER = MlValidation.INTERNAL_PREFIX + "cluster";

	/** Most classes a classifier's label may have. */
	static final int MAX_CLASSES = 1000;

	private SparkTraining() {
	}

	static TrainingOutcome train(SparkSession session, ComputeJob job, String outputDir, BooleanSupplier stopped,
			Consumer<String> log) {
		TrainingSpec spec = job.training();
		Algorithm algorithm = Algorithm.fromApiName(spec.algorithm())
			.orElseThrow(() -> new IllegalArgumentException("Unknown algorithm '" + spec.algorithm() + "'"));
		ResolvedInput input = job.inputs().get(0);
		String inputName = input.dataset() + "@" + input.version();
		Dataset<Row> data = session.table(SparkJobExecution.quote(input.table()));
		Map<String, StructField> fields = new LinkedHashMap<>();
		Arrays.stream(data.schema().fields()).forEach((field) -> fields.put(field.name(), field));

		List<Feature> featureSchema = new ArrayList<>();
		List<String> numeric = new ArrayList<>();
		List<String> strings = new ArrayList<>();
		for (String feature : spec.features()) {
			StructField field = column(fields, feature, inputName);
			String type = field.dataType().catalogString();
			switch (ColumnKind.of(type)) {
				case NUMERIC, BOOLEAN -> numeric.add(feature);
				case STRING -> strings.add(feature);
				default -> throw new IllegalArgumentException("Feature column '" + feature + "' of " + inputName
						+ " is " + type + "; features must be numbers, booleans or strings");
			}
			featureSchema.add(new Feature(feature, type));
		}
		List<String> used = new ArrayList<>(spec.features());
		Feature label = null;
		ColumnKind labelKind = null;
		if (algorithm.needsLabel()) {
			StructField field = column(fields, spec.label(), inputName);
			label = new Feature(spec.label(), field.dataType().catalogString());
			labelKind = ColumnKind.of(label.type());
			if (labelKind == ColumnKind.UNSUPPORTED
					|| (algorithm.task() == Task.REGRESSION && labelKind == ColumnKind.STRING)) {
				throw new IllegalArgumentException("Label column '" + spec.label() + "' of " + inputName + " is "
						+ label.type() + ", which a " + algorithm.task().apiName() + " cannot predict");
			}
			used.add(spec.label());
		}
		Dataset<Row> clean = data.select(used.stream().map(SparkTraining::col).toArray(Column[]::new))
			.na()
			.drop(used.toArray(new String[0]));

		List<String> labels = null;
		int classes = 0;
		if (algorithm.task() == Task.CLASSIFICATION) {
			if (labelKind == ColumnKind.STRING) {
				StringIndexerModel indexer = new StringIndexer().setInputCol(spec.label())
					.setOutputCol(LABEL)
					.setStringOrderType("alphabetAsc")
					.fit(clean);
				labels = List.of(indexer.labelsArray()[0]);
				classes = labels.size();
				if (classes > MAX_CLASSES) {
					throw new IllegalArgumentException("Label column '" + spec.label() + "' has " + classes
							+ " classes; a classifier takes at most " + MAX_CLASSES);
				}
				clean = indexer.transform(clean);
			}
			else {
				clean = clean.withColumn(LABEL, col(spec.label()).cast("double"));
				classes = numericClasses(clean, spec.label());
			}
			if (classes < 2) {
				throw new IllegalArgumentException("Label column '" + spec.label() + "' has " + classes
						+ " class(es) in the rows without nulls; a classifier needs at least 2");
			}
			if (algorithm == Algorithm.GBT_CLASSIFIER && classes > 2) {
				throw new IllegalArgumentException("gbt_classifier predicts two classes; label column '" + spec.label()
						+ "' has " + classes + " (use random_forest_classifier or logistic_regression)");
			}
		}
		else if (algorithm.task() == Task.REGRESSION) {
			clean = clean.withColumn(LABEL, col(spec.label()).cast("double"));
		}

		Dataset<Row> cached = clean.persist(StorageLevel.MEMORY_AND_DISK());
		try {
			Dataset<Row>[] split = cached.randomSplit(new double[] { 1 - spec.testFraction(), spec.testFraction() },
					spec.seed());
			Dataset<Row> train = split[0];
			Dataset<Row> test = split[1];
			long trainRows = train.count();
			long testRows = test.count();
			if (trainRows == 0 || testRows == 0) {
				throw new IllegalArgumentException(inputName + " has " + (trainRows + testRows)
						+ " rows without nulls in the used columns; a test fraction of " + spec.testFraction()
						+ " leaves " + trainRows + " to train on and " + testRows + " to test on");
			}
			SparkJobExecution.checkStopped(stopped);
			log.accept("Training " + algorithm.apiName() + " on " + trainRows + " rows, testing on " + testRows
					+ " (seed " + spec.seed() + ")");

			Map<String, Object> params = new LinkedHashMap<>();
			spec.params().forEach((name, value) -> params.put(name, algorithm.params().get(name).convert(value)));
			PipelineStage estimator = algorithm.newEstimator(params, spec.seed());
			Algorithm.set(estimator, "featuresCol", FEATURES);
			if (algorithm.needsLabel()) {
				Algorithm.set(estimator, "labelCol", LABEL);
			}
			else {
				Algorithm.set(estimator, "predictionCol", CLUSTER);
			}
			List<PipelineStage> stages = featureStages(numeric, strings);
			stages.add(estimator);
			if (algorithm.task() == Task.CLUSTERING) {
				stages.add(new SQLTransformer()
					.setStatement("SELECT *, CAST(" + CLUSTER + " AS DOUBLE) AS prediction FROM __THIS__"));
			}
			if (labels != null) {
				stages.add(new IndexToString().setInputCol("prediction")
					.setOutputCol("predictedLabel")
					.setLabels(labels.toArray(new String[0])));
			}
			long start = System.nanoTime();
			PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train);
			log.accept("Fitted " + stages.size() + " pipeline stages in " + (System.nanoTime() - start) / 1_000_000
					+ " ms");
			SparkJobExecution.checkStopped(stopped);

			Map<String, Double> metrics = evaluate(algorithm.task(), classes, model.transform(test));
			log.accept("Metrics on the " + testRows + " test rows: " + metrics);
			SparkJobExecution.checkStopped(stopped);
			save(session, model, outputDir);
			return new TrainingOutcome(algorithm.apiName(), algorithm.task(), metrics, featureSchema, label, labels,
					trainRows, testRows, algorithm.effectiveParams(estimator), spec.seed(), spec.testFraction(),
					session.version());
		}
		finally {
			cached.unpersist(false);
		}
	}

	private static List<PipelineStage> featureStages(List<String> numeric, List<String> strings) {
		List<PipelineStage> stages = new ArrayList<>();
		List<String> vector = new ArrayList<>(numeric);
		if (!strings.isEmpty()) {
			String[] indexed = strings.stream()
				.map((name) -> MlValidation.INTERNAL_PREFIX + "idx_" + name)
				.toArray(String[]::new);
			String[] encoded = strings.stream()
				.map((name) -> MlValidation.INTERNAL_PREFIX + "ohe_" + name)
				.toArray(String[]::new);
			stages.add(new StringIndexer().setInputCols(strings.toArray(new String[0]))
				.setOutputCols(indexed)
				.setHandleInvalid("keep"));
			stages.add(new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"));
			vector.addAll(List.of(encoded));
		}
		stages.add(new VectorAssembler().setInputCols(vector.toArray(new String[0]))
			.setOutputCol(FEATURES)
			.setHandleInvalid("keep"));
		return stages;
	}

	/**
	 * The classes of a numeric (or boolean) label: they must be class indexes 0, 1, 2 …
	 */
	private static int numericClasses(Dataset<Row> data, String label) {
		List<Row> values = data.select(LABEL).distinct().limit(MAX_CLASSES + 1).collectAsList();
		if (values.size() > MAX_CLASSES) {
			throw new IllegalArgumentException("Label column '" + label + "' has more than " + MAX_CLASSES
					+ " distinct values; a classifier takes at most " + MAX_CLASSES + " classes");
		}
		double max = -1;
		for (Row row : values) {
			double value = row.getDouble(0);
			if (value < 0 || value != Math.rint(value)) {
				throw new IllegalArgumentException("Label column '" + label + "' holds " + value
						+ "; a numeric classification label must hold class indexes 0, 1, 2 … "
						+ "(use a string label, or a regression algorithm)");
			}
			max = Math.max(max, value);
		}
		return (int) max + 1;
	}

	private static Map<String, Double> evaluate(Task task, int classes, Dataset<Row> predictions) {
		Dataset<Row> scored = predictions.persist(StorageLevel.MEMORY_AND_DISK());
		try {
			Map<String, Double> metrics = new LinkedHashMap<>();
			switch (task) {
				case CLASSIFICATION -> {
					MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator()
						.setLabelCol(LABEL)
						.setPredictionCol("prediction");
					metrics.put("accuracy", finite(evaluator.setMetricName("accuracy").evaluate(scored)));
					metrics.put("precision", finite(evaluator.setMetricName("weightedPrecision").evaluate(scored)));
					metrics.put("recall", finite(evaluator.setMetricName("weightedRecall").evaluate(scored)));
					metrics.put("f1", finite(evaluator.setMetricName("f1").evaluate(scored)));
					if (classes == 2) {
						metrics.put("auc",
								finite(new BinaryClassificationEvaluator().setLabelCol(LABEL)
									.setRawPredictionCol("rawPrediction")
									.setMetricName("areaUnderROC")
									.evaluate(scored)));
					}
				}
				case REGRESSION -> {
					RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol(LABEL)
						.setPredictionCol("prediction");
					metrics.put("rmse", finite(evaluator.setMetricName("rmse").evaluate(scored)));
					metrics.put("mae", finite(evaluator.setMetricName("mae").evaluate(scored)));
					metrics.put("r2", finite(evaluator.setMetricName("r2").evaluate(scored)));
				}
				default -> metrics.put("silhouette",
						finite(new ClusteringEvaluator().setFeaturesCol(FEATURES)
							.setPredictionCol(CLUSTER)
							.setMetricName("silhouette")
							.evaluate(scored)));
			}
			return metrics;
		}
		finally {
			scored.unpersist(false);
		}
	}

	private static Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

	/**
	 * Saves the model so that the directory itself holds Spark's {@code metadata/} and
	 * {@code stages/} (the directory exists already, with the staging lease, and MLlib
	 * writes only into a new one).
	 */
	private static void save(SparkSession session, PipelineModel model, String outputDir) {
		Path dir = new Path(outputDir);
		Path written = new Path(dir, "_pipeline");
		try {
			model.write().save(written.toString());
			FileSystem fs = dir.getFileSystem(session.sparkContext().hadoopConfiguration());
			for (String part : List.of("metadata", "stages")) {
				if (!fs.rename(new Path(written, part), new Path(dir, part))) {
					throw new IOException("cannot move " + part + " into " + dir);
				}
			}
			fs.delete(written, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save the model into " + dir, ex);
		}
	}

	private static StructField column(Map<String, StructField> fields, String name, String input) {
		StructField field = fields.get(name);
		if (field == null) {
			throw new IllegalArgumentException("Column '" + name + "' is not in " + input);
		}
		return field;
	}

	private static Column col(String name) {
		return functions.col(SparkJobExecution.quote(name));
	}

}
