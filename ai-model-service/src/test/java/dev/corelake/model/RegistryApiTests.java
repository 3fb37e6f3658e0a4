package dev.corelake.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry over HTTP: versions, comparisons, aliases with compare-and-set and
 * history, lineage passed through from the catalog, batch predictions submitted to
 * compute, and bad input.
 *
 * @author Corelake
 */
class RegistryApiTests extends AbstractModelTests {

	/**
	 * Registers versions with training results only (no artifact).
	 * @param model the model
	 * @param versions how many
	 */
	private void versions(String model, int versions) {
		for (int version = 1; version <= versions; version++) {
			Map<String, Object> run = api()
				.post("/api/v1/models/" + model + "/training-runs", trainingRequest("logistic_regression"))
				.json();
			COMPUTE.succeed((String) run.get("computeJobId"), TrainingRunTests.card(model, version));
			awaitRun(api(), model, (String) run.get("id"), "succeeded");
		}
	}

	@Test
	void aliasWhenMovedWithIfMatchThenCompareAndSetAndHistory() {
		versions("cas", 2);
		String path = "/api/v1/models/cas/aliases/champion";
		Api.Answer created = api().put(path, Map.of("version", 1), null);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.etag()).isEqualTo("\"1\"");
		api().put(path, Map.of("version", 2), "\"7\"").problem().hasStatus(412).hasCode("PRECONDITION_FAILED");
		Api.Answer moved = api().put(path, Map.of("version", 2), "\"1\"");
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(moved.json()).containsEntry("version", 2).containsEntry("revision", 2);
		assertThat(moved.etag()).isEqualTo("\"2\"");
		api().put(path, Map.of("version", 1), "\"1\"").problem().hasStatus(412);
		api().put("/api/v1/models/cas/aliases/absent", Map.of("version", 1), "\"1\"").problem().hasStatus(412);
		api().put(path, Map.of("version", 9), null).problem().hasStatus(404).hasCode("MODEL_VERSION_NOT_FOUND");
		api().put(path, Map.of(), null).problem().hasStatus(400).hasFieldError("version");
		api().put(path, Map.of("version", "two"), null).problem().hasStatus(400);
		api().put("/api/v1/models/cas/aliases/Bad!", Map.of("version", 1), null).problem().hasStatus(400);
		api().put(path, Map.of("version", 2), null);

		assertThat(api().get(path).etag()).isEqualTo("\"2\"");
		assertThat(api().put("/api/v1/models/cas/aliases/challenger", Map.of("version", 1), null).status())
			.isEqualTo(200);
		assertThat(api().get("/api/v1/models/cas/aliases").list()).extracting((alias) -> alias.get("alias"))
			.containsExactly("challenger", "champion");
		assertThat(api().get("/api/v1/models/cas").json().get("aliases").toString()).contains("champion");

		api().delete(path, "\"1\"").problem().hasStatus(412);
		assertThat(api().delete(path, "\"2\"").status()).isEqualTo(204);
		api().get(path).problem().hasStatus(404).hasCode("MODEL_ALIAS_NOT_FOUND");
		api().delete(path, null).problem().hasStatus(404).hasCode("MODEL_ALIAS_NOT_FOUND");
		List<Map<String, Object>> history = api().get(path + "/history").list();
		// deleted, moved 1 -> 2 (the repeated move to 2 changed nothing and is not
		// history)
		assertThat(history).hasSize(3);
		assertThat(history.get(0)).containsEntry("fromVersion", 2).containsEntry("toVersion", null);
		assertThat(history.get(1)).containsEntry("fromVersion", 1).containsEntry("toVersion", 2);
		assertThat(history.get(2)).containsEntry("fromVersion", null).containsEntry("toVersion", 1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void compareWhenTwoVersionsThenMetricsParamsAndDataSideBySide() {
		versions("compared", 2);
		Map<String, Object> comparison = api().get("/api/v1/models/compared/compare?versions=1,2").json();
		assertThat(comparison).containsEntry("versions", List.of(1, 2));
		assertThat((Map<String, Object>) ((Map<String, Object>) comparison.get("metrics")).get("auc"))
			.containsEntry("1", 0.96)
			.containsEntry("2", 0.97);
		assertThat((List<String>) comparison.get("differingParams")).containsExactly("maxIter");
		assertThat((Map<String, Object>) ((Map<String, Object>) comparison.get("data")).get("2"))
			.containsEntry("dataset", "customers")
			.containsEntry("datasetVersion", 3)
			.containsEntry("algorithm", "logistic_regression");

		api().get("/api/v1/models/compared/compare?versions=1").problem().hasStatus(400).hasFieldError("versions");
		api().get("/api/v1/models/compared/compare?versions=1,x").problem().hasStatus(400);
		api().get("/api/v1/models/compared/compare").problem().hasStatus(400);
		api().get("/api/v1/models/compared/compare?versions=1,9")
			.problem()
			.hasStatus(404)
			.hasCode("MODEL_VERSION_NOT_FOUND");

		List<Map<String, Object>> versions = api().get("/api/v1/models/compared/versions").list();
		assertThat(versions).extracting((version) -> version.get("version")).containsExactly(2, 1);
		api().get("/api/v1/models/compared/versions/0").problem().hasStatus(400);
		api().get("/api/v1/models/compared/versions/5").problem().hasStatus(404).hasCode("MODEL_VERSION_NOT_FOUND");
	}

	@Test
	@SuppressWarnings("unchecked")
	void lineageWhenAskedThenTheCatalogsGraphOfTheModelDataset() {
		versions("traced", 1);
		Api.Answer lineage = api().get("/api/v1/models/traced/versions/1/lineage");
		assertThat(lineage.status()).as(lineage.body()).isEqualTo(200);
		assertThat((List<Map<String, Object>>) lineage.json().get("nodes")).extracting((node) -> node.get("id"))
			.contains("model-traced@1", "customers@3");
		assertThat(CATALOG.requests())
			.contains("/api/v1/datasets/model-traced/lineage?version=1&direction=upstream&depth=5");
		api().get("/api/v1/models/traced/versions/1/lineage?direction=sideways").problem().hasStatus(400);
		api().get("/api/v1/models/traced/versions/4/lineage").problem().hasStatus(404);
	}

	@Test
	@SuppressWarnings("unchecked")
	void batchPredictionWhenAskedThenAComputePredictJobForTheResolvedVersion() {
		versions("batch", 2);
		api().put("/api/v1/models/batch/aliases/champion", Map.of("version", 2), null);
		Api.Answer submitted = api().post("/api/v1/models/batch/batch-predictions",
				Map.of("alias", "champion", "dataset", "customers@3", "output", "churn_scores"));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		assertThat(submitted.json()).containsEntry("version", 2)
			.containsEntry("state", "queued")
			.containsEntry("output", "churn_scores");
		Map<String, Object> job = COMPUTE.submissions().get(COMPUTE.submissions().size() - 1);
		assertThat(job).containsEntry("kind", "predict")
			.containsEntry("dataset", "customers@3")
			.containsEntry("output", "churn_scores");
		assertThat((Map<String, Object>) job.get("prediction")).containsEntry("model", "batch")
			.containsEntry("modelVersion", 2);

		api().post("/api/v1/models/batch/batch-predictions", Map.of("version", 1, "dataset", "customers"))
			.problem()
			.hasStatus(400)
			.hasFieldError("output");
		api()
			.post("/api/v1/models/batch/batch-predictions",
					Map.of("alias", "nobody", "dataset", "customers", "output", "x"))
			.problem()
			.hasStatus(404);
	}

	@Test
	void modelsWhenListedThenEveryModelWithItsVersionCount() {
		versions("listed", 1);
		Map<String, Object> page = api().get("/api/v1/models?size=200").json();
		assertThat(page.get("items").toString()).contains("name=listed");
		api().get("/api/v1/models?size=0").problem().hasStatus(400);
		api().get("/api/v1/models/UPPER").problem().hasStatus(400);
		assertThat(api().put("/api/v1/models/listed/readers/bob", null, null).json().get("readers").toString())
			.contains("bob");
		assertThat(api().delete("/api/v1/models/listed/readers/bob", null).json().get("readers").toString())
			.doesNotContain("bob");
	}

}
