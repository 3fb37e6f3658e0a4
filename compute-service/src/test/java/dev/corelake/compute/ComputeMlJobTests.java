package dev.corelake.compute;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.ml.ModelCards;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Train and predict jobs end to end over HTTP, on real Spark MLlib and a real
 * catalog-service, on a generated dataset whose structure is known: the classes are
 * separated by {@code x1 + 2·x2 > 1.5}, the regression target is linear, the clusters are
 * three well apart. Models reach the metrics such data allows, are committed into the
 * lake and registered as versions of {@code model-<name>} with lineage; predictions equal
 * {@code PipelineModel.transform}; bad specifications are refused before Spark runs.
 *
 * @author Corelake
 */
class ComputeMlJobTests extends ComputeTestSupport {

	private static final int ROWS = 1000;

	private static String dana;

	@org.springframework.beans.factory.annotation.Autowired
	private JobRepository jobs;

	@org.springframework.beans.factory.annotation.Autowired
	private Lake lake;

	private static String pointsLocation;

	@BeforeAll
	static void seed() {
		dana = platform().token("dana", "DATA_SCIENTIST");
		SparkSession spark = platform().spark();
		pointsLocation = platform().seed(dana, "ml_points", "seed-1", points(spark));
		platform().seed(dana, "ml_partial", "seed-1", points(spark).drop("x2"));
	}

	/**
	 * Points on a deterministic scatter of the unit square: {@code cls}/{@code churned}
	 * is {@code x1 + 2·x2 > 1.5}, {@code y} is {@code 3·x1 + 2·x2 + 1}, and
	 * {@code (cx, cy)} lie around three centres far apart.
	 */
	static Dataset<Row> points(SparkSession spark) {
		return spark.range(0, ROWS)
			.selectExpr("id", "cast(((id * 7919) % 1000) / 1000.0 as double) as x1",
					"cast(((id * 104729) % 997) / 997.0 as double) as x2")
			.selectExpr("id", "x1", "x2",
					"case when id % 3 = 0 then 'basic' when id % 3 = 1 then 'pro' else 'max' end" + " as plan",
					"id % 2 = 0 as flag", "cast(case when x1 + 2 * x2 > 1.5 then 1 else 0 end as int) as cls",
					"case when x1 + 2 * x2 > 1.5 then 'yes' else 'no' end as churned", "3 * x1 + 2 * x2 + 1 as y",
					"cast(id % 3 as double) * 10 + x1 as cx", "cast(id % 3 as double) * 10 + x2 as cy");
	}

	@Test
	void logisticRegressionIsTrainedCommittedAndRegisteredWithLineage() throws Exception {
		String id = submit(dana, train("lr_model", "logistic_regression", "[\"x1\",\"x2\"]", "\"cls\"",
				"{\"maxIter\":100,\"regParam\":0.0}"));
		JsonNode job = awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.get("kind").asString()).isEqualTo("train");
		assertThat(job.get("output").asString()).isEqualTo("model-lr_model");
		JsonNode training = job.get("result").get("training");
		assertThat(training.get("model").asString()).isEqualTo("lr_model");
		assertThat(training.get("modelVersion").asInt()).isEqualTo(1);
		assertThat(job.get("outputVersion").asInt()).isEqualTo(1);
		assertThat(training.get("task").asString()).isEqualTo("classification");
		assertThat(training.get("metrics").get("auc").asDouble()).isGreaterThanOrEqualTo(0.95);
		assertThat(training.get("metrics").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
		assertThat(training.get("metrics").has("precision")).isTrue();
		assertThat(training.get("metrics").has("recall")).isTrue();
		assertThat(training.get("metrics").has("f1")).isTrue();
		assertThat(training.get("trainRows").asLong() + training.get("testRows").asLong()).isEqualTo(ROWS);
		assertThat(training.get("testRows").asLong()).isBetween(150L, 250L);
		assertThat(training.get("dataset").asString()).isEqualTo("ml_points");
		assertThat(training.get("datasetVersion").asInt()).isEqualTo(1);
		assertThat(training.get("label").get("name").asString()).isEqualTo("cls");
		assertThat(training.get("label").get("type").asString()).isEqualTo("int");
		assertThat(training.get("featureSchema").findValuesAsString("name")).containsExactly("x1", "x2");
		assertThat(training.get("params").get("maxIter").asInt()).isEqualTo(100);
		assertThat(training.get("params").get("regParam").asDouble()).isZero();
		// defaults are part of the effective parameters
		assertThat(training.get("params").get("tol").asDouble()).isEqualTo(1e-6);
		assertThat(training.get("seed").asLong()).isEqualTo(42);
		assertThat(training.get("testFraction").asDouble()).isEqualTo(0.2);

		JsonNode version = json(catalog("GET", "/api/v1/datasets/model-lr_model/versions/1", dana));
		assertThat(version.get("format").asString()).isEqualTo("SPARK_ML");
		assertThat(version.get("producedBy").asString()).isEqualTo("compute-job:" + id);
		assertThat(version.get("location").asString()).isEqualTo(training.get("artifact").asString());
		assertThat(version.get("inputs").get(0).get("dataset").asString()).isEqualTo("ml_points");
		assertThat(version.get("inputs").get(0).get("version").asInt()).isEqualTo(1);
		assertThat(version.get("schema").findValuesAsString("name")).containsExactly("x1", "x2");
		assertThat(json(catalog("GET", "/api/v1/datasets/model-lr_model", dana)).get("owner").asString())
			.isEqualTo("dana");

		Path artifact = Path.of(java.net.URI.create(training.get("artifact").asString().replace("file:/", "file:///")));
		assertThat(artifact).isEqualTo(Path.of(platform().lakeUri()).resolve("models/lr_model/job-" + id));
		assertThat(artifact.resolve("metadata")).isDirectory();
		assertThat(artifact.resolve("stages")).isDirectory();
		assertThat(artifact.resolve("_LEASE")).doesNotExist();
		JsonNode card = JSON.readTree(Files.readString(artifact.resolve("corelake-model.json")));
		assertThat(card.get("metrics")).isEqualTo(training.get("metrics"));
		assertThat(card.get("featureSchema")).isEqualTo(training.get("featureSchema"));
		assertThat(card.get("params")).isEqualTo(training.get("params"));
		assertThat(card.get("producedBy").asString()).isEqualTo("compute-job:" + id);
		assertThat(PipelineModel.load(training.get("artifact").asString()).stages()).hasSize(2);

		List<String> log = json(compute("GET", JOBS + "/" + id + "/logs", dana, null)).findValuesAsString("message");
		assertThat(log)
			.anyMatch((line) -> line.matches("Training logistic_regression on \\d+ rows, testing on \\d+.*"));
		assertThat(log).anyMatch((line) -> line.startsWith("Metrics on the"));
		assertThat(job.get("progress").get("tasksTotal").asInt()).isPositive();
		assertThat(job.get("progress").get("stagesTotal").asInt()).isPositive();

		// a second run is the model's version 2
		String second = submit(dana, train("lr_model", "logistic_regression", "[\"x1\",\"x2\"]", "\"cls\"", "{}"));
		JsonNode next = awaitState(dana, second, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(next.get("result").get("training").get("modelVersion").asInt()).as(next.toString()).isEqualTo(2);
	}

	@Test
	void randomForestWithStringLabelAndFeaturesPredictsLikeSparkItself() {
		String id = submit(dana, train("rf_model", "random_forest_classifier", "[\"x1\",\"x2\",\"plan\",\"flag\"]",
				"\"churned\"", "{\"numTrees\":20,\"maxDepth\":6}"));
		JsonNode job = awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		JsonNode training = job.get("result").get("training");
		assertThat(training.get("metrics").get("auc").asDouble()).isGreaterThanOrEqualTo(0.95);
		assertThat(training.get("label").get("type").asString()).isEqualTo("string");
		assertThat(strings(training.get("labels"))).containsExactly("no", "yes");
		assertThat(training.get("featureSchema").findValuesAsString("type")).containsExactly("double", "double",
				"string", "boolean");
		assertThat(training.get("params").get("numTrees").asInt()).isEqualTo(20);
		assertThat(training.get("params").get("impurity").asString()).isEqualTo("gini");

		String predict = submit(dana, "{\"kind\":\"predict\",\"dataset\":\"ml_points@1\",\"output\":\"rf_scores\","
				+ "\"prediction\":{\"model\":\"rf_model\"}}");
		JsonNode scored = awaitState(dana, predict, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(scored.get("state").asString()).as(scored.toString()).isEqualTo("succeeded");
		assertThat(scored.get("prediction").get("modelVersion").asInt()).isEqualTo(1);
		assertThat(scored.get("inputs").findValuesAsString("dataset")).containsExactly("ml_points", "model-rf_model");
		JsonNode output = json(
				catalog("GET", "/api/v1/datasets/rf_scores/versions/" + scored.get("outputVersion").asInt(), dana));
		assertThat(output.get("inputs").findValuesAsString("dataset")).containsExactlyInAnyOrder("ml_points",
				"model-rf_model");
		assertThat(output.get("schema").findValuesAsString("name")).endsWith("prediction", "probability",
				"predictedLabel");
		assertThat(output.get("rowCount").asLong()).isEqualTo(ROWS);

		SparkSession plain = platform().spark().newSession();
		Dataset<Row> expected = PipelineModel.load(training.get("artifact").asString())
			.transform(plain.read().parquet(pointsLocation));
		Map<Long, Row> byId = new HashMap<>();
		expected.select("id", "prediction", "predictedLabel", "probability")
			.collectAsList()
			.forEach((row) -> byId.put(row.getLong(0), row));
		List<Row> actual = plain.read()
			.parquet(output.get("location").asString())
			.select("id", "prediction", "predictedLabel", "probability")
			.collectAsList();
		assertThat(actual).hasSize(ROWS);
		for (Row row : actual) {
			Row spark = byId.get(row.getLong(0));
			assertThat(row.getDouble(1)).isEqualTo(spark.getDouble(1));
			assertThat(row.getString(2)).isEqualTo(spark.getString(2));
			double[] probability = ((org.apache.spark.ml.linalg.Vector) spark.get(3)).toArray();
			List<Double> written = row.getList(3);
			assertThat(written).hasSize(2);
			assertThat(written.get(1)).isCloseTo(probability[1], within(1e-12));
		}
		List<String> log = json(compute("GET", JOBS + "/" + predict + "/logs", dana, null))
			.findValuesAsString("message");
		assertThat(log).anyMatch((line) -> line.startsWith("Scoring ml_points@1 with model rf_model@1"));
	}

	@Test
	void regressorsFitALinearTarget() {
		String linear = submit(dana, train("lin_model", "linear_regression", "[\"x1\",\"x2\"]", "\"y\"", "{}"));
		String boosted = submit(dana, train("gbt_model", "gbt_regressor", "[\"x1\",\"x2\"]", "\"y\"",
				"{\"maxIter\":20,\"maxDepth\":5,\"stepSize\":0.3}"));
		for (String id : List.of(linear, boosted)) {
			JsonNode job = awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED);
			assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
			JsonNode metrics = job.get("result").get("training").get("metrics");
			assertThat(job.get("result").get("training").get("task").asString()).isEqualTo("regression");
			assertThat(metrics.get("r2").asDouble()).as(metrics.toString()).isGreaterThanOrEqualTo(0.95);
			assertThat(metrics.get("rmse").asDouble()).isLessThan(0.3);
			assertThat(metrics.get("mae").asDouble()).isLessThan(0.3);
		}
	}

	@Test
	void kmeansFindsTheClustersWithoutALabel() {
		String id = submit(dana, train("km_model", "kmeans", "[\"cx\",\"cy\"]", null, "{\"k\":3,\"maxIter\":10}"));
		JsonNode job = awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		JsonNode training = job.get("result").get("training");
		assertThat(training.get("task").asString()).isEqualTo("clustering");
		assertThat(training.get("metrics").get("silhouette").asDouble()).isGreaterThan(0.8);
		assertThat(training.has("label")).isFalse();
		assertThat(training.get("params").get("k").asInt()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"model\":\"m\",\"algorithm\":\"deep_learning\",\"features\":[\"x1\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"params\":{\"maxIterations\":5}}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"params\":{\"maxIter\":\"many\"}}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"params\":{\"maxIter\":2.5}}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"params\":{\"elasticNetParam\":2}}",
			"{\"model\":\"m\",\"algorithm\":\"linear_regression\",\"features\":[\"x1\"],\"label\":\"y\","
					+ "\"params\":{\"epsilon\":1}}",
			"{\"model\":\"m\",\"algorithm\":\"random_forest_classifier\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"params\":{\"seed\":5}}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"nope\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"nope\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\",\"cls\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\",\"x1\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"]}",
			"{\"model\":\"m\",\"algorithm\":\"kmeans\",\"features\":[\"x1\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"linear_regression\",\"features\":[\"x1\"],\"label\":\"churned\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"testFraction\":1}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\","
					+ "\"testFraction\":0}",
			"{\"model\":\"Bad Name\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"x1; drop\"],\"label\":\"cls\"}",
			"{\"model\":\"m\",\"algorithm\":\"logistic_regression\",\"features\":[\"prediction\"],\"label\":\"cls\"}" })
	void badTrainingSpecificationsAre400WithFieldErrors(String training) {
		HttpResponse<String> response = compute("POST", JOBS, dana,
				"{\"kind\":\"train\",\"dataset\":\"ml_points\",\"training\":" + training + "}");
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(400)
			.hasCode("VALIDATION_FAILED");
		JsonNode errors = json(response).get("errors");
		assertThat(errors).as(response.body()).isNotEmpty();
		assertThat(errors.findValuesAsString("field")).allMatch((field) -> field.startsWith("training."));
		assertThat(json(catalog("GET", "/api/v1/datasets/model-m", dana)).get("code").asString())
			.isEqualTo("DATASET_NOT_FOUND");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"kind\":\"train\",\"dataset\":\"ml_points\"}",
			"{\"kind\":\"train\",\"training\":{\"model\":\"m\",\"algorithm\":\"kmeans\",\"features\":[\"x1\"]}}",
			"{\"kind\":\"train\",\"dataset\":\"ml_points\",\"output\":\"x\","
					+ "\"training\":{\"model\":\"m\",\"algorithm\":\"kmeans\",\"features\":[\"x1\"]}}",
			"{\"kind\":\"train\",\"dataset\":\"ml_points\","
					+ "\"training\":{\"model\":\"m\",\"algorithm\":\"kmeans\",\"features\":[\"x1\"],\"extra\":1}}",
			"{\"kind\":\"predict\",\"dataset\":\"ml_points\",\"prediction\":{\"model\":\"m\"}}",
			"{\"kind\":\"predict\",\"dataset\":\"ml_points\",\"output\":\"o\"}",
			"{\"kind\":\"predict\",\"dataset\":\"ml_points\",\"output\":\"o\",\"prediction\":{\"model\":\"M!\"}}",
			"{\"kind\":\"predict\",\"dataset\":\"ml_points\",\"output\":\"o\",\"prediction\":{\"model\":\"m\","
					+ "\"modelVersion\":0}}" })
	void malformedTrainAndPredictSubmissionsAre400(String body) {
		HttpResponse<String> response = compute("POST", JOBS, dana, body);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant().hasStatus(400);
	}

	@Test
	void predictionOnADatasetWithoutAFeatureIsRefusedOrFailsClearly() {
		String id = submit(dana,
				train("lr_small", "logistic_regression", "[\"x1\",\"x2\"]", "\"cls\"", "{\"maxIter\":10}"));
		assertThat(awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED).get("state").asString())
			.isEqualTo("succeeded");

		// the catalog knows the schema: refused before anything runs
		HttpResponse<String> refused = compute("POST", JOBS, dana, predict("ml_partial", "lr_small", "partial_scores"));
		assertThatProblem(refused.statusCode(), contentType(refused), refused.body()).isConformant()
			.hasStatus(400)
			.hasCode("VALIDATION_FAILED");
		assertThat(json(refused).get("errors").get(0).get("field").asString()).isEqualTo("dataset");
		assertThat(json(refused).get("errors").get(0).get("message").asString()).contains("x2 (double)");

		// a version registered without a schema: only Spark finds out, and says so
		String location = lakeCopy("ml_noschema", platform().spark().read().parquet(pointsLocation).drop("x2"));
		TestPlatform.call("POST", platform().catalogUrl() + "/api/v1/datasets", dana, "{\"name\":\"ml_noschema\"}");
		HttpResponse<String> registered = TestPlatform.call("POST",
				platform().catalogUrl() + "/api/v1/datasets/ml_noschema/versions", dana, "{\"location\":\"" + location
						+ "\",\"format\":\"PARQUET\",\"schema\":[],\"rowCount\":1000,\"bytes\":1}");
		assertThat(registered.statusCode() / 100).as(registered.body()).isEqualTo(2);
		String failing = submit(dana, predict("ml_noschema", "lr_small", "noschema_scores"));
		JsonNode job = awaitState(dana, failing, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("state").asString()).isEqualTo("failed");
		assertThat(job.get("error").get("code").asString()).isEqualTo("JOB_INVALID");
		assertThat(job.get("error").get("message").asString())
			.contains("lacks the feature column(s) [x2 (double)] that model lr_small@1 reads");
		assertThat(job.get("attempt").asInt()).isEqualTo(1);
		assertThat(json(catalog("GET", "/api/v1/datasets/noschema_scores", dana)).get("latestVersion").asInt())
			.isZero();
	}

	@Test
	void predictionWithAModelThatIsNotOneIsRefused() {
		HttpResponse<String> missing = compute("POST", JOBS, dana, predict("ml_points", "no_such_model", "x_scores"));
		assertThatProblem(missing.statusCode(), contentType(missing), missing.body()).isConformant()
			.hasStatus(404)
			.hasCode("DATASET_NOT_FOUND");

		platform().seed(dana, "model-fake", "seed-1", platform().spark().range(0, 3).toDF());
		HttpResponse<String> fake = compute("POST", JOBS, dana, predict("ml_points", "fake", "x_scores"));
		assertThatProblem(fake.statusCode(), contentType(fake), fake.body()).isConformant()
			.hasStatus(422)
			.hasCode("COMPUTE_MODEL_UNUSABLE");
		assertThat(json(fake).get("detail").asString()).contains("not a Spark ML model");
	}

	@Test
	void cancellingATrainingCommitsNoModel() {
		String id = submit(dana, train("slow_model", "gbt_classifier", "[\"x1\",\"x2\",\"plan\"]", "\"cls\"",
				"{\"maxIter\":5000,\"maxDepth\":8,\"subsamplingRate\":0.9}"));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(60))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> json(compute("GET", JOBS + "/" + id, dana, null)),
					(job) -> job.get("state").asString().equals("running")
							&& job.get("progress").get("tasksTotal").asInt() > 0);
		// let it get into fitting (past the split's counts)
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(60))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> json(compute("GET", JOBS + "/" + id + "/logs", dana, null)).findValuesAsString("message"),
					(lines) -> lines.stream().anyMatch((line) -> line.startsWith("Training gbt_classifier")));
		assertThat(compute("POST", JOBS + "/" + id + "/cancel", dana, null).statusCode()).isEqualTo(202);
		JsonNode job = awaitState(dana, id, JobState.CANCELLED, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("cancelled");
		assertThat(json(catalog("GET", "/api/v1/datasets/model-slow_model", dana)).get("latestVersion").asInt())
			.isZero();
		Path lake = Path.of(platform().lakeUri());
		assertThat(lake.resolve("models").resolve("slow_model")).doesNotExist();
		assertThat(lake.resolve("_staging").resolve("compute").toFile().list()).isNullOrEmpty();
		// the slot is free again
		String next = submit(dana,
				train("after_cancel", "logistic_regression", "[\"x1\"]", "\"cls\"", "{\"maxIter\":5}"));
		assertThat(awaitState(dana, next, JobState.SUCCEEDED, JobState.FAILED).get("state").asString())
			.isEqualTo("succeeded");
	}

	@Test
	void aTrainingStoppedBetweenStagingAndCommitIsCommittedAndRegisteredByRecovery() {
		// what a crash leaves: the model staged, the job committing, nothing registered
		String id = java.util.UUID.randomUUID().toString();
		TestPlatform.call("POST", platform().catalogUrl() + "/api/v1/datasets", dana, "{\"name\":\"model-rec_model\"}");
		Staging staging = this.lake.stage("compute", id + "-1");
		Map<String, Object> card = new java.util.LinkedHashMap<>();
		card.put("model", "rec_model");
		card.put("artifact", this.lake.modelPath("rec_model", "job-" + id).toUri().toString());
		card.put("task", "regression");
		card.put("metrics", Map.of("r2", 0.99));
		card.put("featureSchema", List.of(Map.of("name", "x1", "type", "double")));
		card.put("trainRows", 800);
		ModelCards.write(this.lake, staging.dir(), card, JSON);
		ComputeJob job = new ComputeJob(id, JobKind.TRAIN, "dana", JobState.COMMITTING, RunnerKind.LOCAL, null,
				"model-rec_model",
				new TrainingSpec("rec_model", "linear_regression", List.of("x1"), "y", Map.of(), 0.2, 42L), null,
				List.of(new ResolvedInput("ml_points", "ml_points", 1, pointsLocation, "PARQUET")), 1, 2L << 30, 600, 0,
				1, false, JobProgress.NONE, null, null, null, null, java.time.Instant.now(), java.time.Instant.now(),
				null, java.time.Instant.now());
		this.jobs.insert(job);
		this.jobs.result(id,
				JSON.writeValueAsString(Map.of("training", card, "bytes", 100, "location", card.get("artifact"))),
				null);

		JsonNode recovered = awaitState(dana, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(recovered.get("state").asString()).as(recovered.toString()).isEqualTo("succeeded");
		assertThat(recovered.get("result").get("training").get("modelVersion").asInt()).isEqualTo(1);
		JsonNode version = json(catalog("GET", "/api/v1/datasets/model-rec_model/versions/1", dana));
		assertThat(version.get("producedBy").asString()).isEqualTo("compute-job:" + id);
		assertThat(version.get("format").asString()).isEqualTo("SPARK_ML");
		assertThat(version.get("rowCount").asLong()).isEqualTo(800);
		Path lakeDir = Path.of(platform().lakeUri());
		assertThat(lakeDir.resolve("models/rec_model/job-" + id + "/corelake-model.json")).exists();
		assertThat(lakeDir.resolve("_staging/compute/" + id + "-1")).doesNotExist();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new java.util.ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static String train(String model, String algorithm, String features, String label, String params) {
		return "{\"kind\":\"train\",\"dataset\":\"ml_points\",\"training\":{\"model\":\"" + model
				+ "\",\"algorithm\":\"" + algorithm + "\",\"features\":" + features
				+ ((label != null) ? ",\"label\":" + label : "") + ",\"params\":" + params + "}}";
	}

	private static String predict(String dataset, String model, String output) {
		return "{\"kind\":\"predict\",\"dataset\":\"" + dataset + "\",\"output\":\"" + output
				+ "\",\"prediction\":{\"model\":\"" + model + "\"}}";
	}

	private static String lakeCopy(String dataset, Dataset<Row> rows) {
		String location = platform().lakeUri().toString().replaceFirst("/$", "") + "/datasets/" + dataset + "/seed-1";
		rows.write().parquet(location);
		return location.replace("file:///", "file:/");
	}

}
