package dev.corelake.model;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Online predictions with real Spark pipelines trained in the test: the service answers
 * exactly what Spark's own {@code transform} answers, follows alias moves at once (also
 * under concurrent load), refuses rows that do not match the feature schema, and turns a
 * missing or damaged artifact into a clear problem.
 *
 * @author Corelake
 */
class PredictionTests extends AbstractModelTests {

	@Test
	void predictWhenRowsAreValidThenAnswersWhatSparkTransformAnswers() {
		ModelArtifacts.Artifact artifact = artifacts().classifier("churn", 1, 11);
		Map<String, Object> run = register(api(), "churn", artifact);
		assertThat(run).containsEntry("modelVersion", 1).containsEntry("progress", 100);

		List<Map<String, Object>> rows = List.of(Map.of("age", 22, "income", 25_000.0, "plan", "basic"),
				Map.of("age", 61, "income", 110_000.5, "plan", "team"),
				Map.of("age", 40, "income", 50_000, "plan", "pro"),
				Map.of("age", 30, "income", 80_000.0, "plan", "enterprise"));
		Api.Answer answer = api().post("/api/v1/models/churn/predict", Map.of("version", 1, "rows", rows));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json()).containsEntry("model", "churn").containsEntry("version", 1);

		List<Row> expected = artifacts().transform(artifact.pipeline(), ModelArtifacts.CHURN,
				List.of(RowFactory.create(22, 25_000.0, "basic"), RowFactory.create(61, 110_000.5, "team"),
						RowFactory.create(40, 50_000.0, "pro"), RowFactory.create(30, 80_000.0, "enterprise")));
		List<Map<String, Object>> predictions = predictions(answer);
		assertThat(predictions).hasSize(4);
		for (int i = 0; i < expected.size(); i++) {
			Map<String, Object> prediction = predictions.get(i);
			assertThat(prediction.get("prediction")).isEqualTo(expected.get(i).getDouble(0));
			double[] probability = ((Vector) expected.get(i).get(1)).toArray();
			@SuppressWarnings("unchecked")
			List<Number> served = (List<Number>) prediction.get("probability");
			assertThat(served).hasSize(probability.length);
			for (int j = 0; j < probability.length; j++) {
				assertThat(served.get(j).doubleValue()).isCloseTo(probability[j], within(1e-12));
			}
			assertThat(prediction.get("predictedLabel")).isEqualTo(expected.get(i).getString(2));
		}
		assertThat(predictions).extracting((p) -> p.get("predictedLabel")).contains("yes", "no");
	}

	@Test
	void predictWhenTheAliasMovesThenTheNextCallUsesTheNewVersion() {
		ModelArtifacts.Artifact one = artifacts().regressor("prices", 1, 10);
		ModelArtifacts.Artifact two = artifacts().regressor("prices", 2, -10);
		register(api(), "prices", one);
		register(api(), "prices", two);
		Map<String, Object> row = Map.of("rooms", 3, "area", 50.0);

		assertThat(api().put("/api/v1/models/prices/aliases/champion", Map.of("version", 1), null).status())
			.isEqualTo(200);
		Map<String, Object> first = api()
			.post("/api/v1/models/prices/predict", Map.of("alias", "champion", "rows", List.of(row)))
			.json();
		assertThat(first).containsEntry("version", 1).containsEntry("alias", "champion");
		assertThat(price(first)).isCloseTo(130.0, within(0.5));

		assertThat(api().put("/api/v1/models/prices/aliases/champion", Map.of("version", 2), null).status())
			.isEqualTo(200);
		Map<String, Object> second = api()
			.post("/api/v1/models/prices/predict", Map.of("alias", "champion", "rows", List.of(row)))
			.json();
		assertThat(second).containsEntry("version", 2);
		assertThat(price(second)).isCloseTo(70.0, within(0.5));

		List<Map<String, Object>> history = api().get("/api/v1/models/prices/aliases/champion/history").list();
		assertThat(history).extracting((move) -> move.get("toVersion")).containsExactly(2, 1);
		assertThat(history.get(0)).containsEntry("fromVersion", 1).containsEntry("movedBy", "anonymous");
	}

	@Test
	void predictWhenCalledConcurrentlyDuringAliasMovesThenNoCallFails() throws Exception {
		register(api(), "busy", artifacts().regressor("busy", 1, 10));
		register(api(), "busy", artifacts().regressor("busy", 2, -10));
		assertThat(api().put("/api/v1/models/busy/aliases/champion", Map.of("version", 1), null).status())
			.isEqualTo(200);
		Map<String, Object> body = Map.of("alias", "champion", "rows",
				List.of(Map.of("rooms", 3, "area", 50.0), Map.of("rooms", 1, "area", 20.0)));
		ExecutorService pool = Executors.newFixedThreadPool(9);
		AtomicBoolean moving = new AtomicBoolean(true);
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Integer> versionsSeen = new ConcurrentLinkedQueue<>();
		try {
			Future<Integer> mover = pool.submit(() -> {
				int moves = 0;
				while (moving.get()) {
					int target = (moves % 2 == 0) ? 2 : 1;
					Api.Answer moved = api().put("/api/v1/models/busy/aliases/champion", Map.of("version", target),
							null);
					if (moved.status() != 200) {
						failures.add("move: " + moved.status() + " " + moved.body());
					}
					moves++;
				}
				return moves;
			});
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				callers.add(pool.submit(() -> {
					for (int i = 0; i < 50; i++) {
						Api.Answer answer = api().post("/api/v1/models/busy/predict", body);
						if (answer.status() != 200) {
							failures.add(answer.status() + " " + answer.body());
							continue;
						}
						Map<String, Object> json = answer.json();
						int version = (Integer) json.get("version");
						versionsSeen.add(version);
						double expected = (version == 1) ? 130.0 : 70.0;
						if (Math.abs(price(json) - expected) > 0.5) {
							failures.add("version " + version + " answered " + price(json));
						}
					}
				}));
			}
			for (Future<?> caller : callers) {
				caller.get(120, TimeUnit.SECONDS);
			}
			moving.set(false);
			assertThat(mover.get(30, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			moving.set(false);
			pool.shutdownNow();
		}
		assertThat(failures).isEmpty();
		assertThat(versionsSeen).hasSize(400).contains(1, 2);
	}

	@Test
	void predictWhenFeaturesAreMissingExtraOrOfTheWrongTypeThenFieldErrors() {
		register(api(), "strict", artifacts().regressor("strict", 1, 10));
		String path = "/api/v1/models/strict/predict";

		Api.Answer missing = api().post(path, Map.of("version", 1, "rows", List.of(Map.of("rooms", 3))));
		missing.problem().hasStatus(400).hasCode("VALIDATION_FAILED").hasFieldError("rows[0].area");

		Api.Answer extra = api().post(path,
				Map.of("version", 1, "rows", List.of(Map.of("rooms", 3, "area", 5.0, "garden", true))));
		extra.problem().hasStatus(400).hasCode("VALIDATION_FAILED").hasFieldError("rows[0].garden");

		Api.Answer wrongType = api().post(path, Map.of("version", 1, "rows", List.of(Map.of("rooms", 3, "area", 5.0),
				Map.of("rooms", "three", "area", 5.0), Map.of("rooms", 2.5, "area", true))));
		wrongType.problem()
			.hasStatus(400)
			.hasCode("VALIDATION_FAILED")
			.hasFieldError("rows[1].rooms")
			.hasFieldError("rows[2].rooms")
			.hasFieldError("rows[2].area");

		Api.Answer tooBig = api().post(path,
				Map.of("version", 1, "rows", List.of(Map.of("rooms", 3_000_000_000L, "area", 5.0))));
		tooBig.problem().hasStatus(400).hasFieldError("rows[0].rooms");

		Api.Answer nullValue = api().post(path, "{\"version\":1,\"rows\":[{\"rooms\":null,\"area\":1.0}]}");
		nullValue.problem().hasStatus(400).hasFieldError("rows[0].rooms");

		Api.Answer notObject = api().post(path, Map.of("version", 1, "rows", List.of(List.of(3, 5.0))));
		notObject.problem().hasStatus(400).hasFieldError("rows[0]");

		api().post(path, Map.of("version", 1, "rows", List.of())).problem().hasStatus(400);
		api().post(path, Map.of("rows", List.of(Map.of("rooms", 3, "area", 5.0))))
			.problem()
			.hasStatus(400)
			.hasFieldError("alias");
		api().post(path, Map.of("version", 1, "alias", "x", "rows", List.of(Map.of("rooms", 3, "area", 5.0))))
			.problem()
			.hasStatus(400);
		api().post(path, "{\"version\":1,\"rows\":[").problem().hasStatus(400).hasCode("MALFORMED_REQUEST");
		api().post(path, Map.of("version", 9, "rows", List.of(Map.of("rooms", 3, "area", 5.0))))
			.problem()
			.hasStatus(404)
			.hasCode("MODEL_VERSION_NOT_FOUND");
		api().post(path, Map.of("alias", "nobody", "rows", List.of(Map.of("rooms", 3, "area", 5.0))))
			.problem()
			.hasStatus(404)
			.hasCode("MODEL_ALIAS_NOT_FOUND");
		api().post("/api/v1/models/ghost/predict", Map.of("version", 1, "rows", List.of(Map.of("rooms", 3))))
			.problem()
			.hasStatus(404)
			.hasCode("MODEL_NOT_FOUND");
	}

	@Test
	void predictWhenTheArtifactIsMissingOrDamagedThenAClearProblem() throws Exception {
		ModelArtifacts.Artifact gone = artifacts().regressor("fragile", 1, 10);
		ModelArtifacts.Artifact damaged = artifacts().regressor("fragile", 2, 10);
		ModelArtifacts.Artifact badCard = artifacts().regressor("fragile", 3, 10);
		register(api(), "fragile", gone);
		register(api(), "fragile", damaged);
		register(api(), "fragile", badCard);
		FileSystemUtils.deleteRecursively(gone.dir());
		FileSystemUtils.deleteRecursively(damaged.dir().resolve("stages"));
		FileSystemUtils.deleteRecursively(damaged.dir().resolve("metadata"));
		Files.createDirectories(damaged.dir().resolve("metadata"));
		Files.writeString(damaged.dir().resolve("metadata").resolve("part-00000"), "not json");
		Files.writeString(badCard.dir().resolve("corelake-model.json"), "{\"featureSchema\": 7");
		Map<String, Object> row = Map.of("rooms", 3, "area", 50.0);

		api().post("/api/v1/models/fragile/predict", Map.of("version", 1, "rows", List.of(row)))
			.problem()
			.hasStatus(409)
			.hasCode("MODEL_ARTIFACT_MISSING")
			.hasDetailContaining("does not exist");
		api().post("/api/v1/models/fragile/predict", Map.of("version", 2, "rows", List.of(row)))
			.problem()
			.hasStatus(409)
			.hasCode("MODEL_ARTIFACT_INVALID")
			.hasDetailContaining("PipelineModel");
		api().post("/api/v1/models/fragile/predict", Map.of("version", 3, "rows", List.of(row)))
			.problem()
			.hasStatus(409)
			.hasCode("MODEL_ARTIFACT_INVALID")
			.hasDetailContaining("corelake-model.json");
	}

	@Test
	void predictWhenThePipelineRefusesAValueThenUnprocessableNotServerError() {
		register(api(), "picky", artifacts().strictCategories("picky", 1));
		Api.Answer known = api().post("/api/v1/models/picky/predict",
				Map.of("version", 1, "rows", List.of(Map.of("plan", "pro", "area", 10.0))));
		assertThat(known.status()).as(known.body()).isEqualTo(200);
		api()
			.post("/api/v1/models/picky/predict",
					Map.of("version", 1, "rows", List.of(Map.of("plan", "enterprise", "area", 10.0))))
			.problem()
			.hasStatus(422)
			.hasCode("MODEL_PREDICTION_FAILED");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> predictions(Api.Answer answer) {
		return (List<Map<String, Object>>) answer.json().get("predictions");
	}

	@SuppressWarnings("unchecked")
	private static double price(Map<String, Object> answer) {
		return ((Number) ((List<Map<String, Object>>) answer.get("predictions")).get(0).get("prediction"))
			.doubleValue();
	}

}
