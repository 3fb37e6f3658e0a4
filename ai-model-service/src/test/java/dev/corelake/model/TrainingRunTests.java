package dev.corelake.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training runs against the compute-service stand-in over real HTTP: the run mirrors its
 * compute job (queued, running with progress, succeeded with the version registered,
 * failed, cancelled), and compute-service being down or refusing the job reaches the
 * caller as a problem naming it.
 *
 * @author Corelake
 */
class TrainingRunTests extends AbstractModelTests {

	@Test
	@SuppressWarnings("unchecked")
	void startWhenComputeRunsTheJobThenTheRunMirrorsItAndRegistersTheVersion() {
		Api.Answer started = api().post("/api/v1/models/mirror/training-runs", trainingRequest("logistic_regression"));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		Map<String, Object> run = started.json();
		assertThat(run).containsEntry("state", "queued").containsEntry("progress", 0).containsEntry("model", "mirror");
		String job = (String) run.get("computeJobId");
		String id = (String) run.get("id");
		assertThat(run.get("computeJob")).isEqualTo("/api/v1/compute/jobs/" + job);

		Map<String, Object> submitted = COMPUTE.submissions()
			.stream()
			.filter((body) -> body.get("training") instanceof Map<?, ?> training
					&& "mirror".equals(training.get("model")))
			.findFirst()
			.orElseThrow();
		assertThat(submitted).containsEntry("kind", "train").containsEntry("dataset", "customers@3");
		assertThat((Map<String, Object>) submitted.get("training")).containsEntry("algorithm", "logistic_regression")
			.containsEntry("label", "churned")
			.containsEntry("features", List.of("age", "income", "plan"))
			.containsEntry("params", Map.of("maxIter", 30))
			.containsEntry("seed", 42);

		COMPUTE.progress(job, "running", 40);
		assertThat(awaitRun(api(), "mirror", id, "running")).containsEntry("progress", 40);
		COMPUTE.progress(job, "committing", 90);
		Awaitility.await().atMost(TIMEOUT).until(() -> Integer.valueOf(90).equals(run("mirror", id).get("progress")));
		assertThat(run("mirror", id)).containsEntry("state", "running");

		COMPUTE.succeed(job, card("mirror", 1));
		Map<String, Object> done = awaitRun(api(), "mirror", id, "succeeded");
		assertThat(done).containsEntry("modelVersion", 1)
			.containsEntry("progress", 100)
			.containsEntry("datasetVersion", 3);
		assertThat((Map<String, Object>) done.get("metrics")).containsEntry("accuracy", 0.9);
		assertThat(done.get("finishedAt")).isNotNull();

		Map<String, Object> version = api().get("/api/v1/models/mirror/versions/1").json();
		assertThat(version).containsEntry("algorithm", "logistic_regression")
			.containsEntry("task", "classification")
			.containsEntry("trainingRunId", id)
			.containsEntry("computeJobId", job)
			.containsEntry("dataset", "customers")
			.containsEntry("datasetVersion", 3)
			.containsEntry("seed", 42);
		assertThat((List<Object>) version.get("featureSchema")).hasSize(2);
		Map<String, Object> model = api().get("/api/v1/models/mirror").json();
		assertThat(model).containsEntry("owner", "anonymous")
			.containsEntry("versions", 1)
			.containsEntry("dataset", "model-mirror");
		assertThat(api().get("/api/v1/models/mirror/training-runs").json()).containsEntry("totalItems", 1);
		assertThat(api().get("/api/v1/models/mirror/training-runs/" + id + "/logs").list())
			.extracting((line) -> line.get("message"))
			.containsExactly("Training started");
	}

	@Test
	@SuppressWarnings("unchecked")
	void runWhenTheJobFailsThenTheRunFailsWithItsReasonAndNoVersion() {
		Map<String, Object> run = api()
			.post("/api/v1/models/failing/training-runs", trainingRequest("logistic_regression"))
			.json();
		COMPUTE.fail((String) run.get("computeJobId"), "COLUMN_NOT_FOUND", "Column 'plan' is not in customers@3.");
		Map<String, Object> failed = awaitRun(api(), "failing", (String) run.get("id"), "failed");
		assertThat((Map<String, Object>) failed.get("error")).containsEntry("code", "COLUMN_NOT_FOUND")
			.containsEntry("message", "Column 'plan' is not in customers@3.");
		assertThat(api().get("/api/v1/models/failing/versions").list()).isEmpty();

		Map<String, Object> empty = api()
			.post("/api/v1/models/failing/training-runs", trainingRequest("logistic_regression"))
			.json();
		COMPUTE.progress((String) empty.get("computeJobId"), "succeeded", 100);
		Map<String, Object> noResult = awaitRun(api(), "failing", (String) empty.get("id"), "failed");
		assertThat((Map<String, Object>) noResult.get("error")).containsEntry("code", "TRAINING_RESULT_MISSING");

		Map<String, Object> gone = api()
			.post("/api/v1/models/failing/training-runs", trainingRequest("logistic_regression"))
			.json();
		COMPUTE.forget((String) gone.get("computeJobId"));
		// a job compute-service does not show (gone, or not visible to the token) changes
		// nothing
		Api.Answer lost = api().get("/api/v1/models/failing/training-runs/" + gone.get("id"));
		assertThat(lost.status()).isEqualTo(200);
		assertThat(lost.json()).containsEntry("state", "queued");
	}

	@Test
	void cancelWhenRunningThenCancelledAndASecondCancelConflicts() {
		Map<String, Object> run = api()
			.post("/api/v1/models/cancelled/training-runs", trainingRequest("logistic_regression"))
			.json();
		String path = "/api/v1/models/cancelled/training-runs/" + run.get("id");
		COMPUTE.progress((String) run.get("computeJobId"), "running", 10);
		Api.Answer cancelled = api().post(path + "/cancel", "");
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
		assertThat(cancelled.json()).containsEntry("state", "cancelled");
		api().post(path + "/cancel", "").problem().hasStatus(409).hasCode("TRAINING_RUN_STATE_CONFLICT");
	}

	@Test
	void startWhenComputeIsDownThenServiceUnavailableNamingComputeAndNothingCreated() {
		Map<String, Object> before = api()
			.post("/api/v1/models/outage/training-runs", trainingRequest("logistic_regression"))
			.json();
		COMPUTE.progress((String) before.get("computeJobId"), "running", 30);
		awaitRun(api(), "outage", (String) before.get("id"), "running");
		COMPUTE.stop();
		try {
			// the first call may find a pooled connection that the stopped server cut
			// (502);
			// every answer names compute-service, and once that is noticed it is 503
			Awaitility.await().atMost(TIMEOUT).until(() -> {
				Api.Answer refused = api().post("/api/v1/models/outage-new/training-runs",
						trainingRequest("logistic_regression"));
				refused.problem().hasRetryable(true).hasUpstreamService("compute-service");
				assertThat(refused.status()).isIn(502, 503);
				return refused.status() == 503;
			});
			api().get("/api/v1/models/outage-new").problem().hasStatus(404).hasCode("MODEL_NOT_FOUND");
			// what is known stays readable
			Api.Answer known = api().get("/api/v1/models/outage/training-runs/" + before.get("id"));
			assertThat(known.status()).as(known.body()).isEqualTo(200);
			assertThat(known.json()).containsEntry("state", "running").containsEntry("progress", 30);
			api().get("/api/v1/models/outage/training-runs/" + before.get("id") + "/logs")
				.problem()
				.hasStatus(503)
				.hasUpstreamService("compute-service");
		}
		finally {
			COMPUTE.restart();
		}
		// recovery is by itself: the half-open breaker's trial calls succeed and close it
		Awaitility.await()
			.atMost(TIMEOUT)
			.until(() -> api().post("/api/v1/models/outage-new/training-runs", trainingRequest("logistic_regression"))
				.status() == 202);
		Awaitility.await().atMost(TIMEOUT).until(() -> {
			api().get("/api/v1/models/outage/training-runs/" + before.get("id") + "/logs");
			return breaker("compute-service") == CircuitBreaker.State.CLOSED;
		});
	}

	@Test
	void startWhenComputeRefusesTheJobThenItsProblemReachesTheCaller() {
		COMPUTE.refuseNext("VALIDATION_FAILED", "training.params.bogus");
		Api.Answer refused = api().post("/api/v1/models/refused/training-runs", trainingRequest("logistic_regression"));
		refused.problem().hasStatus(400).hasCode("VALIDATION_FAILED");
		assertThat(refused.body()).contains("training.params.bogus");
		api().get("/api/v1/models/refused").problem().hasStatus(404);
	}

	@Test
	void startWhenTheRequestIsInvalidThenFieldErrorsAndNoJob() {
		int submissions = COMPUTE.submissions().size();
		String path = "/api/v1/models/invalid/training-runs";
		Map<String, Object> kmeansWithLabel = new LinkedHashMap<>(trainingRequest("kmeans"));
		api().post(path, kmeansWithLabel).problem().hasStatus(400).hasFieldError("label");
		Map<String, Object> noLabel = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		noLabel.remove("label");
		api().post(path, noLabel).problem().hasStatus(400).hasFieldError("label");
		Map<String, Object> labelIsFeature = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		labelIsFeature.put("label", "age");
		api().post(path, labelIsFeature).problem().hasStatus(400).hasFieldError("label");
		api().post(path, trainingRequest("neural_net")).problem().hasStatus(400).hasFieldError("algorithm");
		Map<String, Object> fraction = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		fraction.put("testFraction", 1.5);
		api().post(path, fraction).problem().hasStatus(400).hasFieldError("testFraction");
		// compute-service needs rows to evaluate on: no test share is refused here, not
		// there
		fraction.put("testFraction", 0.0);
		api().post(path, fraction).problem().hasStatus(400).hasFieldError("testFraction");
		Map<String, Object> noFeatures = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		noFeatures.put("features", List.of());
		api().post(path, noFeatures).problem().hasStatus(400).hasFieldError("features");
		Map<String, Object> extra = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		extra.put("gpu", true);
		api().post(path, extra).problem().hasStatus(400);
		Map<String, Object> badDataset = new LinkedHashMap<>(trainingRequest("logistic_regression"));
		badDataset.put("dataset", "../etc@0");
		api().post(path, badDataset).problem().hasStatus(400).hasFieldError("dataset");
		api().post(path, "{\"dataset\":").problem().hasStatus(400).hasCode("MALFORMED_REQUEST");
		api().post("/api/v1/models/Not%20A%20Name/training-runs", trainingRequest("logistic_regression"))
			.problem()
			.hasStatus(400);
		api().post("/api/v1/models/" + "m".repeat(58) + "/training-runs", trainingRequest("logistic_regression"))
			.problem()
			.hasStatus(400);
		assertThat(COMPUTE.submissions()).hasSize(submissions);
		api().get("/api/v1/models/invalid").problem().hasStatus(404).hasCode("MODEL_NOT_FOUND");
		api().get("/api/v1/models/mirror/training-runs/not-a-run").problem().hasStatus(400);
	}

	@Test
	void getWhenTheRunIsUnknownThenNotFound() {
		api().post("/api/v1/models/lonely/training-runs", trainingRequest("logistic_regression"));
		api().get("/api/v1/models/lonely/training-runs/00000000-0000-0000-0000-000000000000")
			.problem()
			.hasStatus(404)
			.hasCode("TRAINING_RUN_NOT_FOUND");
	}

	private Map<String, Object> run(String model, String id) {
		return api().get("/api/v1/models/" + model + "/training-runs/" + id).json();
	}

	/**
	 * A training result as compute-service reports it (no artifact behind it: enough for
	 * the registry).
	 * @param model the model
	 * @param version the version
	 * @return the result
	 */
	static Map<String, Object> card(String model, int version) {
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("model", model);
		card.put("modelVersion", version);
		card.put("artifact", "file:" + LAKE.resolve("models").resolve(model).resolve("v" + version).toAbsolutePath());
		card.put("task", "classification");
		card.put("metrics", Map.of("accuracy", 0.9, "auc", 0.95 + version / 100.0));
		card.put("featureSchema",
				List.of(Map.of("name", "age", "type", "int"), Map.of("name", "plan", "type", "string")));
		card.put("label", Map.of("name", "churned", "type", "string"));
		card.put("trainRows", 800);
		card.put("testRows", 200);
		card.put("dataset", "customers");
		card.put("datasetVersion", 3);
		card.put("params", Map.of("maxIter", 10 * version, "regParam", 0.01));
		card.put("seed", 42);
		card.put("testFraction", 0.2);
		return card;
	}

}
