package dev.corelake.compute;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.corelake.compute.job.JobState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the jobs API: always a 4xx problem naming the problem, and nothing stored.
 *
 * @author Corelake
 */
class ComputeBadInputTests extends ComputeTestSupport {

	private static String carol;

	@BeforeAll
	static void user() {
		carol = platform().token("carol", "DATA_SCIENTIST");
		platform().seed(carol, "carols", "seed-1", platform().spark().range(0, 10).toDF());
	}

	@ParameterizedTest
	@ValueSource(strings = { "drop table carols", "select * from parquet.`/etc`", "select reflect('a', 'b')",
			"insert into carols select 1", "select * from csv.`file:/etc/passwd`", "create function f as 'x'" })
	void refusedSqlIsA400BeforeAnythingRuns(String sql) {
		HttpResponse<String> response = compute("POST", JOBS, carol, sqlJob(sql, "carols_out"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(400)
			.hasCode("SQL_NOT_ALLOWED");
		assertThat(json(response).get("detail").asString()).isNotBlank();
		assertNoJobStored();
	}

	@Test
	void memoryThatCannotHoldSparkIsRefusedWithTheBudget() {
		HttpResponse<String> response = compute("POST", JOBS, carol, JSON.writeValueAsString(Map.of("sql",
				"select * from carols", "output", "carols_out", "resources", Map.of("cores", 1, "memory", "1g"))));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(400)
			.hasCode("JOB_MEMORY_BUDGET_EXCEEDED");
		assertThat(json(response).get("detail").asString()).contains("Spark needs at least 512 MiB of heap");
		assertThat(json(response).get("budgetMiB").get("limit").asInt()).isEqualTo(1024);
		assertNoJobStored();
	}

	@Test
	void moreMemoryThanTheServiceHasIsRefused() {
		HttpResponse<String> response = compute("POST", JOBS, carol, JSON.writeValueAsString(
				Map.of("sql", "select * from carols", "output", "carols_out", "resources", Map.of("memory", "16g"))));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("code").asString()).isEqualTo("JOB_MEMORY_BUDGET_EXCEEDED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "[]", "{\"sql\":\"select 1\",\"output\":\"x\",\"extra\":1}",
			"{\"sql\":\"select 1\",\"output\":\"../etc\"}", "{\"sql\":\"select 1\",\"output\":\"Bad Name\"}",
			"{\"kind\":\"shell\",\"sql\":\"select 1\",\"output\":\"x\"}", "{\"sql\":\"select 1\"}",
			"{\"output\":\"x\"}", "{\"sql\":\"select 1\",\"output\":\"x\",\"dataset\":\"carols\"}",
			"{\"kind\":\"profile\"}", "{\"kind\":\"profile\",\"dataset\":\"carols\",\"output\":\"x\"}",
			"{\"kind\":\"profile\",\"dataset\":\"../x\"}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"memory\":\"lots\"}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"cores\":0}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"cores\":100000}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"cores\":\"two\"}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"timeoutSeconds\":-1}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"timeoutSeconds\":99999999999}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"maxRetries\":50}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"executors\":{\"count\":2,\"memory\":\"2g\"}}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"executors\":{\"count\":0}}}",
			"{\"sql\":\"select 1\",\"output\":\"x\",\"resources\":{\"executors\":{\"count\":2,\"memory\":\"lots\"}}}",
			"{\"sql\":\"selec 1 frm\",\"output\":\"x\"}",
			"{\"sql\":\"select * from `no@version@x`\",\"output\":\"x\"}" })
	void malformedOrInvalidSubmissionsAre400(String body) {
		HttpResponse<String> response = compute("POST", JOBS, carol, body);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant().hasStatus(400);
		assertNoJobStored();
	}

	@Test
	void hugeSqlIsRefused() {
		HttpResponse<String> response = compute("POST", JOBS, carol,
				sqlJob("select 1 " + " ".repeat(100_001), "carols_out"));
		assertThat(response.statusCode()).isIn(400, 413);
	}

	@Test
	void unknownDatasetIsNotFound() {
		HttpResponse<String> response = compute("POST", JOBS, carol, sqlJob("select * from nowhere", "carols_out"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(404)
			.hasCode("DATASET_NOT_FOUND");
	}

	@Test
	void datasetWithoutVersionIsRefused() {
		TestPlatform.call("POST", platform().catalogUrl() + "/api/v1/datasets", carol, "{\"name\":\"carols_empty\"}");
		HttpResponse<String> response = compute("POST", JOBS, carol,
				sqlJob("select * from carols_empty", "carols_out"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(400)
			.hasCode("DATASET_HAS_NO_VERSION");
		HttpResponse<String> missing = compute("POST", JOBS, carol, sqlJob("select * from `carols@9`", "carols_out"));
		assertThat(json(missing).get("code").asString()).isEqualTo("DATASET_VERSION_NOT_FOUND");
	}

	@Test
	void viewersMayNotRunJobs() {
		HttpResponse<String> response = compute("POST", JOBS, platform().token("vic", "VIEWER"),
				sqlJob("select 1 as one", "vics"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
	}

	@Test
	void noTokenIs401AndForgedTokenToo() {
		assertThat(compute("GET", JOBS, null, null).statusCode()).isEqualTo(401);
		assertThat(compute("GET", JOBS, platform().issuer().tokenFromUnknownKey("carol"), null).statusCode())
			.isEqualTo(401);
	}

	@Test
	void unknownAndMalformedJobIds() {
		HttpResponse<String> unknown = compute("GET", JOBS + "/00000000-0000-0000-0000-000000000000", carol, null);
		assertThatProblem(unknown.statusCode(), contentType(unknown), unknown.body()).isConformant()
			.hasStatus(404)
			.hasCode("COMPUTE_JOB_NOT_FOUND");
		assertThat(compute("GET", JOBS + "/..%2F..%2Fetc", carol, null).statusCode()).isEqualTo(400);
		assertThat(compute("GET", JOBS + "/not-a-job", carol, null).statusCode()).isEqualTo(400);
		assertThat(compute("GET", JOBS + "?state=sleeping", carol, null).statusCode()).isEqualTo(400);
		assertThat(compute("GET", JOBS + "?size=100000", carol, null).statusCode()).isEqualTo(400);
	}

	@Test
	void finishedJobCannotBeCancelled() {
		String id = submit(carol, "{\"kind\":\"profile\",\"dataset\":\"carols\"}");
		awaitState(carol, id, JobState.SUCCEEDED, JobState.FAILED);
		HttpResponse<String> response = compute("POST", JOBS + "/" + id + "/cancel", carol, null);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(409)
			.hasCode("JOB_STATE_CONFLICT");
		HttpResponse<String> list = compute("GET", JOBS + "?state=succeeded", carol, null);
		assertThat(json(list).get("items").findValuesAsString("id")).contains(id);
		assertThat(json(list).get("items").findValuesAsString("owner")).containsOnly("carol");
	}

	private void assertNoJobStored() {
		assertThat(json(compute("GET", JOBS + "?size=200", carol, null)).get("items").findValuesAsString("sql"))
			.noneMatch((sql) -> sql.contains("drop") || sql.contains("parquet.") || sql.contains("reflect"));
	}

}
