package dev.corelake.compute;

import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.job.JobState;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs end to end over HTTP, on real Spark and a real catalog-service: results equal
 * plain Spark's, lineage and ownership are recorded, cancel and timeout commit nothing
 * and free the slot, failures are summarised.
 *
 * @author Corelake
 */
class ComputeJobTests extends ComputeTestSupport {

	private static final String ALICE = "alice";

	/**
	 * Runs for hours: the range streams past the broadcast dataset, and its generated
	 * loop checks for a kill (a loop that does not would keep Spark's cores busy after a
	 * cancel).
	 */
	private static final String SLOW = "select count(*) as n from sales s join range(0, 100000000000) r "
			+ "on r.id % 5000 = s.id";

	private static String alice;

	private static String salesLocation;

	@BeforeAll
	static void seed() {
		alice = platform().token(ALICE, "DATA_ENGINEER");
		SparkSession spark = platform().spark();
		salesLocation = platform().seed(alice, "sales", "seed-1",
				spark.range(0, 5000)
					.selectExpr("id", "cast(id % 7 as int) as region", "cast(id * 1.5 as double) as amount",
							"case when id % 10 = 0 then null else concat('c', id % 100) end as customer"));
	}

	@Test
	void sqlJobResultEqualsPlainSparkAndIsRegisteredWithLineage() {
		String sql = "select region, count(*) as orders, sum(amount) as total, count(distinct customer) as customers "
				+ "from sales where amount > 10 group by region";
		String id = submit(alice, sqlJob(sql, "sales_by_region"));
		JsonNode job = awaitState(alice, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.get("inputs").get(0).get("dataset").asString()).isEqualTo("sales");
		assertThat(job.get("inputs").get(0).get("version").asInt()).isEqualTo(1);
		assertThat(job.get("progress").get("percent").asInt()).isEqualTo(100);
		assertThat(job.get("progress").get("stagesTotal").asInt()).isPositive();
		int version = job.get("outputVersion").asInt();

		JsonNode registered = json(catalog("GET", "/api/v1/datasets/sales_by_region/versions/" + version, alice));
		assertThat(registered.get("producedBy").asString()).isEqualTo("compute-job:" + id);
		assertThat(registered.get("rowCount").asLong()).isEqualTo(7);
		assertThat(registered.get("schema").get(0).get("name").asString()).isEqualTo("region");
		assertThat(registered.get("inputs").get(0).get("dataset").asString()).isEqualTo("sales");
		assertThat(registered.get("inputs").get(0).get("version").asInt()).isEqualTo(1);
		JsonNode lineage = json(catalog("GET", "/api/v1/datasets/sales_by_region/lineage?direction=upstream", alice));
		assertThat(lineage.get("nodes").findValuesAsString("dataset")).contains("sales", "sales_by_region");

		SparkSession plain = platform().spark().newSession();
		plain.read().parquet(salesLocation).createOrReplaceTempView("sales");
		List<Row> expected = sorted(plain.sql(sql).collectAsList());
		List<Row> actual = sorted(plain.read().parquet(registered.get("location").asString()).collectAsList());
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void profileJobReportsEveryColumn() {
		String id = submit(alice, "{\"kind\":\"profile\",\"dataset\":\"sales\"}");
		JsonNode job = awaitState(alice, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		JsonNode result = job.get("result");
		assertThat(result.get("rowCount").asLong()).isEqualTo(5000);
		Map<String, JsonNode> columns = new java.util.HashMap<>();
		result.get("columns").forEach((column) -> columns.put(column.get("name").asString(), column));
		assertThat(columns.get("id").get("min").asString()).isEqualTo("0");
		assertThat(columns.get("id").get("max").asString()).isEqualTo("4999");
		assertThat(columns.get("id").get("mean").asDouble()).isEqualTo(2499.5);
		assertThat(columns.get("region").get("approxDistinct").asLong()).isEqualTo(7);
		assertThat(columns.get("customer").get("nulls").asLong()).isEqualTo(500);
		assertThat(columns.get("customer").get("count").asLong()).isEqualTo(4500);
	}

	@Test
	void cancelMidJobCommitsNothingAndFreesTheSlot() {
		String id = submit(alice, sqlJob(SLOW, "never_cancelled"));
		await(id, (job) -> job.get("state").asString().equals("running")
				&& job.get("progress").get("tasksTotal").asInt() > 0);
		HttpResponse<String> cancel = compute("POST", JOBS + "/" + id + "/cancel", alice, null);
		assertThat(cancel.statusCode()).isEqualTo(202);
		JsonNode job = awaitState(alice, id, JobState.CANCELLED, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("state").asString()).isEqualTo("cancelled");
		assertNothingCommitted("never_cancelled");

		// one slot only: this runs because the cancelled job gave its slot back
		String next = submit(alice, sqlJob("select 1 as one", "after_cancel"));
		assertThat(awaitState(alice, next, JobState.SUCCEEDED, JobState.FAILED).get("state").asString())
			.isEqualTo("succeeded");
	}

	@Test
	void jobPastItsTimeoutIsTimedOutAndCommitsNothing() {
		String id = submit(alice,
				JSON.writeValueAsString(Map.of("sql", SLOW, "output", "never_timed", "timeoutSeconds", 3)));
		JsonNode job = awaitState(alice, id, JobState.TIMED_OUT, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("state").asString()).isEqualTo("timed-out");
		assertThat(job.get("error").get("code").asString()).isEqualTo("TIMED_OUT");
		assertNothingCommitted("never_timed");
	}

	@Test
	void queryFailingInSparkIsFailedWithTheErrorSummarised() {
		String id = submit(alice, JSON.writeValueAsString(
				Map.of("sql", "select id / (id - id) as x from sales", "output", "never_divided", "maxRetries", 2)));
		JsonNode job = awaitState(alice, id, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("state").asString()).isEqualTo("failed");
		assertThat(job.get("error").get("code").asString()).isEqualTo("SPARK_DIVIDE_BY_ZERO");
		assertThat(job.get("error").get("message").asString()).contains("Division by zero").doesNotContain("\tat ");
		// an error in the query itself is not retried
		assertThat(job.get("attempt").asInt()).isEqualTo(1);
		assertNothingCommitted("never_divided");
		List<String> log = json(compute("GET", JOBS + "/" + id + "/logs", alice, null)).findValuesAsString("message");
		assertThat(log).anyMatch((line) -> line.contains("Division by zero"));
	}

	@Test
	void unknownColumnFailsWithAnalysisError() {
		String id = submit(alice, sqlJob("select no_such_column from sales", "never_analysed"));
		JsonNode job = awaitState(alice, id, JobState.FAILED, JobState.SUCCEEDED);
		assertThat(job.get("error").get("code").asString()).startsWith("SPARK_UNRESOLVED_COLUMN");
	}

	@Test
	void anotherUsersPrivateDatasetIsNotReadable() {
		String bob = platform().token("bob", "DATA_ENGINEER");
		HttpResponse<String> response = compute("POST", JOBS, bob, sqlJob("select * from sales", "bobs_copy"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(404)
			.hasCode("DATASET_NOT_FOUND");
		HttpResponse<String> profile = compute("POST", JOBS, bob, "{\"kind\":\"profile\",\"dataset\":\"sales\"}");
		assertThat(profile.statusCode()).isEqualTo(404);
	}

	@Test
	void anotherUsersJobDoesNotExistForThem() {
		String id = submit(alice, sqlJob("select 2 as two", "alice_two"));
		String bob = platform().token("bob", "DATA_ENGINEER");
		HttpResponse<String> response = compute("GET", JOBS + "/" + id, bob, null);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(404)
			.hasCode("COMPUTE_JOB_NOT_FOUND");
		assertThat(compute("POST", JOBS + "/" + id + "/cancel", bob, null).statusCode()).isEqualTo(404);
		awaitState(alice, id, JobState.SUCCEEDED, JobState.FAILED);
	}

	@Test
	void writingIntoAnotherUsersDatasetIsForbidden() {
		String bob = platform().token("bob", "DATA_ENGINEER");
		TestPlatform.call("POST", platform().catalogUrl() + "/api/v1/datasets", bob, "{\"name\":\"bobs_data\"}");
		TestPlatform.call("PUT", platform().catalogUrl() + "/api/v1/datasets/bobs_data/readers/*", bob, null);
		HttpResponse<String> response = compute("POST", JOBS, alice, sqlJob("select 1 as one", "bobs_data"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
	}

	private void assertNothingCommitted(String output) {
		JsonNode dataset = json(catalog("GET", "/api/v1/datasets/" + output, alice));
		assertThat(dataset.get("latestVersion").asInt()).isZero();
		java.nio.file.Path lake = java.nio.file.Path.of(platform().lakeUri());
		assertThat(lake.resolve("datasets").resolve(output)).doesNotExist();
		assertThat(lake.resolve("_staging").resolve("compute").toFile().list()).isNullOrEmpty();
	}

	private void await(String id, java.util.function.Predicate<JsonNode> condition) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(60))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> json(compute("GET", JOBS + "/" + id, alice, null)), condition::test);
	}

	private static List<Row> sorted(List<Row> rows) {
		return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
	}

}
