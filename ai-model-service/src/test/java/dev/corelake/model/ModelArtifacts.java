package dev.corelake.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains tiny real Spark MLlib pipelines and writes them as compute-service would: the
 * PipelineModel in {@code <lake>/models/<model>/<id>} with {@code corelake-model.json}
 * beside it.
 *
 * @author Corelake
 */
public final class ModelArtifacts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Input schema of the churn classifier. */
	public static final StructType CHURN = DataTypes
		.createStructType(List.of(DataTypes.createStructField("age", DataTypes.IntegerType, true),
				DataTypes.createStructField("income", DataTypes.DoubleType, true),
				DataTypes.createStructField("plan", DataTypes.StringType, true)));

	/** Input schema of the price regressor. */
	public static final StructType PRICE = DataTypes
		.createStructType(List.of(DataTypes.createStructField("rooms", DataTypes.IntegerType, true),
				DataTypes.createStructField("area", DataTypes.DoubleType, true)));

	private final SparkSession spark;

	private final Path lake;

	/**
	 * Creates the helper.
	 * @param spark the session to train with
	 * @param lake the lake's root directory
	 */
	public ModelArtifacts(SparkSession spark, Path lake) {
		this.spark = spark;
		this.lake = lake;
	}

	/**
	 * Trains a churn classifier (string feature through StringIndexer + OneHotEncoder,
	 * string label mapped back with IndexToString).
	 * @param model the model name
	 * @param version the version number it will have
	 * @param seed data seed
	 * @return the artifact
	 */
	public Artifact classifier(String model, int version, long seed) {
		Random random = new Random(seed);
		String[] plans = { "basic", "pro", "team" };
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			int age = 18 + random.nextInt(60);
			double income = 20_000 + random.nextInt(100_000);
			String plan = plans[random.nextInt(plans.length)];
			boolean churned = (age < 35 && !plan.equals("team")) || income < 35_000;
			rows.add(RowFactory.create(age, income, plan, churned ? "yes" : "no"));
		}
		StructType schema = CHURN.add("churned", DataTypes.StringType);
		Dataset<Row> data = this.spark.createDataFrame(rows, schema);
		StringIndexerModel labels = new StringIndexer().setInputCol("churned").setOutputCol("label_idx").fit(data);
		Dataset<Row> indexed = labels.transform(data);
		PipelineModel pipeline = new Pipeline()
			.setStages(new PipelineStage[] {
					new StringIndexer().setInputCol("plan").setOutputCol("plan_idx").setHandleInvalid("keep"),
					new OneHotEncoder().setInputCols(new String[] { "plan_idx" })
						.setOutputCols(new String[] { "plan_vec" })
						.setHandleInvalid("keep"),
					new VectorAssembler().setInputCols(new String[] { "age", "income", "plan_vec" })
						.setOutputCol("features"),
					new LogisticRegression().setFeaturesCol("features").setLabelCol("label_idx").setMaxIter(30),
					new IndexToString().setInputCol("prediction")
						.setOutputCol("predictedLabel")
						.setLabels(labels.labelsArray()[0]) })
			.fit(indexed);
		Map<String, Object> metrics = Map.of("accuracy", 0.93, "precision", 0.92, "recall", 0.91, "f1", 0.915, "auc",
				0.97);
		return save(model, version, pipeline, "classification", metrics,
				List.of(feature("age", "int"), feature("income", "double"), feature("plan", "string")),
				feature("churned", "string"), Map.of("maxIter", 30, "regParam", 0.0));
	}

	/**
	 * Trains a price regressor: price = slope × rooms + 2 × area.
	 * @param model the model name
	 * @param version the version number it will have
	 * @param slope the effect of a room
	 * @return the artifact
	 */
	public Artifact regressor(String model, int version, double slope) {
		Random random = new Random(7);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int rooms = 1 + random.nextInt(8);
			double area = 20 + random.nextInt(200);
			rows.add(RowFactory.create(rooms, area, slope * rooms + 2 * area + random.nextGaussian() * 0.01));
		}
		Dataset<Row> data = this.spark.createDataFrame(rows, PRICE.add("price", DataTypes.DoubleType));
		PipelineModel pipeline = new Pipeline()
			.setStages(new PipelineStage[] {
					new VectorAssembler().setInputCols(new String[] { "rooms", "area" }).setOutputCol("features"),
					new LinearRegression().setFeaturesCol("features").setLabelCol("price") })
			.fit(data);
		return save(model, version, pipeline, "regression", Map.of("rmse", 0.01, "mae", 0.008, "r2", 0.999),
				List.of(feature("rooms", "int"), feature("area", "double")), feature("price", "double"),
				Map.of("maxIter", 100, "regParam", slope));
	}

	/**
	 * Trains a regressor whose string feature goes through a StringIndexer that refuses
	 * categories it has not seen ({@code handleInvalid=error}).
	 * @param model the model name
	 * @param version the version number it will have
	 * @return the artifact
	 */
	public Artifact strictCategories(String model, int version) {
		List<Row> rows = new ArrayList<>();
		String[] plans = { "basic", "pro" };
		for (int i = 0; i < 50; i++) {
			rows.add(RowFactory.create(plans[i % 2], (double) i, 3.0 * i + ((i % 2 == 0) ? 0 : 10)));
		}
		Dataset<Row> data = this.spark.createDataFrame(rows,
				DataTypes.createStructType(List.of(DataTypes.createStructField("plan", DataTypes.StringType, true),
						DataTypes.createStructField("area", DataTypes.DoubleType, true),
						DataTypes.createStructField("price", DataTypes.DoubleType, true))));
		PipelineModel pipeline = new Pipeline()
			.setStages(new PipelineStage[] {
					new StringIndexer().setInputCol("plan").setOutputCol("plan_idx").setHandleInvalid("error"),
					new VectorAssembler().setInputCols(new String[] { "plan_idx", "area" }).setOutputCol("features"),
					new LinearRegression().setFeaturesCol("features").setLabelCol("price") })
			.fit(data);
		return save(model, version, pipeline, "regression", Map.of("rmse", 0.1, "mae", 0.1, "r2", 0.99),
				List.of(feature("plan", "string"), feature("area", "double")), feature("price", "double"), Map.of());
	}

	/**
	 * Transforms rows with a pipeline the way plain Spark does.
	 * @param pipeline the pipeline
	 * @param schema the input schema
	 * @param rows the rows
	 * @return the output rows: prediction (and probability and predictedLabel when the
	 * pipeline has them)
	 */
	public List<Row> transform(PipelineModel pipeline, StructType schema, List<Row> rows) {
		Dataset<Row> out = pipeline.transform(this.spark.createDataFrame(rows, schema));
		List<String> columns = new ArrayList<>(List.of("prediction"));
		for (String column : List.of("probability", "predictedLabel")) {
			if (List.of(out.columns()).contains(column)) {
				columns.add(column);
			}
		}
		return out.selectExpr(columns.toArray(String[]::new)).collectAsList();
	}

	/**
	 * The directory of an artifact.
	 * @param model the model
	 * @param version the version
	 * @return where it is written
	 */
	public Path dir(String model, int version) {
		return this.lake.resolve("models").resolve(model).resolve("compute-test-v" + version);
	}

	private Artifact save(String model, int version, PipelineModel pipeline, String task, Map<String, Object> metrics,
			List<Map<String, Object>> features, Map<String, Object> label, Map<String, Object> params) {
		Path dir = dir(model, version);
		try {
			pipeline.write().overwrite().save(dir.toString());
			Map<String, Object> card = new LinkedHashMap<>();
			card.put("model", model);
			card.put("modelVersion", version);
			card.put("artifact", "file:" + dir.toAbsolutePath());
			card.put("task", task);
			card.put("metrics", metrics);
			card.put("featureSchema", features);
			card.put("label", label);
			card.put("trainRows", 240);
			card.put("testRows", 60);
			card.put("dataset", "customers");
			card.put("datasetVersion", 3);
			card.put("params", params);
			card.put("seed", 42);
			card.put("testFraction", 0.2);
			Files.writeString(dir.resolve("corelake-model.json"), JSON.writeValueAsString(card));
			Map<String, Object> training = new LinkedHashMap<>(card);
			return new Artifact(pipeline, training, dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> feature(String name, String type) {
		return Map.of("name", name, "type", type);
	}

	/**
	 * A trained version.
	 *
	 * @param pipeline the fitted pipeline
	 * @param training the training result compute-service reports (the card, which is
	 * also corelake-model.json)
	 * @param dir the artifact directory
	 */
	public record Artifact(PipelineModel pipeline, Map<String, Object> training, Path dir) {
	}

}
