package dev.corelake.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.corelake.sync.engine.SyncEngine;
import dev.corelake.sync.format.Values;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental runs of CSV and JSON Lines sources on {@code file:}: each run writes only
 * the records whose cursor value is above the job's mark, compared by the column's type;
 * records without a cursor value are skipped and counted; the mark moves with the commit,
 * can be reset, and survives an abrupt stop in the middle of a run exactly.
 *
 * @author Corelake
 */
class FileIncrementalSyncTests extends AbstractSyncTests {

	private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

	@Autowired
	private SyncEngine engine;

	@Test
	void csvWhenRowsAreAppendedThenEachRunWritesOnlyTheRowsPastTheMark() throws Exception {
		StringBuilder csv = new StringBuilder("id,name,amount,updated_at\n");
		appendCsv(csv, 1, 1_000);
		csv.append("9001,no cursor,1.00,\n9002,\"blank cursor\",2.00,  \n");
		write("orders-inc.csv", csv.toString());
		source(Map.of("name", "orders-inc-csv", "kind", "csv", "path", "orders-inc.csv", "columns",
				List.of(FileSyncTests.column("id", "bigint", false), FileSyncTests.column("name", "string", true),
						FileSyncTests.column("amount", "decimal(10,2)", true),
						FileSyncTests.column("updated_at", "timestamp", true))));
		job(Map.of("name", "orders-inc-csv", "source", "orders-inc-csv", "dataset", "orders-inc-csv", "mode",
				"incremental", "cursorColumn", "updated_at", "chunkRows", 1_000, "rejectLimit", Map.of("count", 1)));

		long firstId = start("orders-inc-csv");
		Map<String, Object> first = awaitState(firstId, "SUCCEEDED");
		assertThat(progress(first, "rowsWritten")).isEqualTo(1_000);
		assertThat(progress(first, "rowsRejected")).isZero();
		assertThat(ids(first)).isEqualTo(range(1, 1_000));
		assertThat(mark("orders-inc-csv")).containsEntry("type", "TIMESTAMP")
			.containsEntry("value", BASE.plusSeconds(1_000).toString());
		assertThat(logs(firstId)).contains("2 records without a value of updated_at");

		// new rows, a copy of an old row (its cursor is not above the mark), and a bad
		// record already past the mark once (skipped, not rejected again)
		StringBuilder more = new StringBuilder();
		appendCsv(more, 1_001, 1_250);
		more.append("5,old copy,5.00,").append(BASE.plusSeconds(5)).append('\n');
		more.append("7,bad but old,x,").append(BASE.plusSeconds(7)).append('\n');
		Files.writeString(inbox("orders-inc.csv"), more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		long secondId = start("orders-inc-csv");
		Map<String, Object> second = awaitState(secondId, "SUCCEEDED");
		assertThat(progress(second, "rowsWritten")).isEqualTo(250);
		assertThat(progress(second, "rowsRejected")).as("the bad record is below the mark").isZero();
		assertThat(second.get("datasetVersion")).isEqualTo(2);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(second));
		assertThat(rows.stream().map((row) -> row.getLong("id", 0)).collect(Collectors.toSet()))
			.isEqualTo(range(1_001, 1_250));
		assertThat(rows).hasSize(250);
		Group last = rows.stream().filter((row) -> row.getLong("id", 0) == 1_250).findFirst().orElseThrow();
		assertThat(last.getLong("updated_at", 0)).isEqualTo(Values.micros(BASE.plusSeconds(1_250)));
		assertThat(last.getLong("amount", 0)).as("unscaled decimal").isEqualTo(125_025);
		assertThat(mark("orders-inc-csv")).containsEntry("value", BASE.plusSeconds(1_250).toString());
		assertThat(logs(secondId)).contains("Skipped 1002 records with updated_at not above the mark")
			.contains("2 records without a value of updated_at");

		Map<String, Object> third = awaitState(start("orders-inc-csv"), "SUCCEEDED");
		assertThat(progress(third, "rowsWritten")).as("nothing new").isZero();
		assertThat(ParquetFiles.count(this.lake.fileSystem(), versionDir(third))).isZero();
		assertThat(mark("orders-inc-csv")).as("the mark stays")
			.containsEntry("value", BASE.plusSeconds(1_250).toString());

		Api.Answer reset = api().delete("/api/v1/sync/jobs/orders-inc-csv/high-water-mark");
		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.json().get("highWaterMark")).isNull();
		// without a mark every record is read again, the bad one too
		Map<String, Object> fourth = awaitState(start("orders-inc-csv"), "SUCCEEDED");
		assertThat(progress(fourth, "rowsWritten")).as("a reset mark reads everything again").isEqualTo(1_251);
		assertThat(progress(fourth, "rowsRejected")).isEqualTo(1);
	}

	@Test
	void jsonLinesWhenRowsAreAppendedThenCursorComparesAsNumbersNotText() throws Exception {
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= 9; i++) {
			lines.append("{\"seq\":").append(i).append(",\"kind\":\"k").append(i).append("\"}\n");
		}
		lines.append("{\"kind\":\"no seq\"}\n{\"seq\":null,\"kind\":\"null seq\"}\n");
		write("events-inc.jsonl", lines.toString());
		source(Map.of("name", "events-inc", "kind", "jsonl", "path", "events-inc.jsonl", "columns",
				List.of(FileSyncTests.column("seq", "bigint", true), FileSyncTests.column("kind", "string", true))));
		job(Map.of("name", "events-inc", "source", "events-inc", "dataset", "events-inc", "mode", "incremental",
				"cursorColumn", "seq"));

		long firstId = start("events-inc");
		Map<String, Object> first = awaitState(firstId, "SUCCEEDED");
		assertThat(progress(first, "rowsWritten")).isEqualTo(9);
		assertThat(mark("events-inc")).containsEntry("type", "BIGINT").containsEntry("value", "9");
		assertThat(logs(firstId)).contains("2 records without a value of seq");

		// 10, 11, 12 sort below "9" as text: only a typed comparison reads them
		Files.writeString(inbox("events-inc.jsonl"),
				"{\"seq\":10,\"kind\":\"k10\"}\n{\"seq\":3,\"kind\":\"again\"}\n{\"seq\":12,\"kind\":\"k12\"}\n"
						+ "{\"seq\":11,\"kind\":\"k11\"}\n",
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		Map<String, Object> second = awaitState(start("events-inc"), "SUCCEEDED");
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(second));
		assertThat(rows).extracting((row) -> row.getLong("seq", 0)).containsExactly(10L, 12L, 11L);
		assertThat(rows).extracting((row) -> row.getString("kind", 0)).containsExactly("k10", "k12", "k11");
		assertThat(mark("events-inc")).containsEntry("value", "12");
	}

	@Test
	void runWhenStoppedAbruptlyMidRunThenResumedWithExactlyTheNewRowsAndTheRightMark() throws Exception {
		StringBuilder csv = new StringBuilder("id,name,amount,updated_at\n");
		appendCsv(csv, 1, 10_000);
		write("crash-inc.csv", csv.toString());
		source(Map.of("name", "crash-inc", "kind", "csv", "path", "crash-inc.csv", "columns",
				List.of(FileSyncTests.column("id", "bigint", false), FileSyncTests.column("name", "string", true),
						FileSyncTests.column("amount", "decimal(10,2)", true),
						FileSyncTests.column("updated_at", "timestamp", true))));
		job(Map.of("name", "crash-inc", "source", "crash-inc", "dataset", "crash-inc", "mode", "incremental",
				"cursorColumn", "updated_at", "chunkRows", 4_000, "throttle", Map.of("rowsPerSecond", 6_000)));
		assertThat(progress(awaitState(start("crash-inc"), "SUCCEEDED"), "rowsWritten")).isEqualTo(10_000);

		StringBuilder more = new StringBuilder();
		for (int i = 10_001; i <= 30_000; i++) {
			appendCsv(more, i, i);
			if (i % 1_000 == 0) {
				// old and cursorless records spread over the chunks
				more.append(i).append(",old,1.00,").append(BASE.plusSeconds(i % 97)).append('\n');
				more.append(i).append(",none,1.00,\n");
			}
		}
		Files.writeString(inbox("crash-inc.csv"), more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		long id = start("crash-inc");
		Awaitility.await()
			.atMost(RUN_TIMEOUT)
			.until(() -> progress(run(id), "rowsWritten") >= 8_000 && "RUNNING".equals(run(id).get("state")));
		this.engine.crash();
		long writtenAtCrash = progress(run(id), "rowsWritten");
		this.engine.start();

		Map<String, Object> run = awaitState(id, "SUCCEEDED");
		assertThat(run.get("attempt")).as("resumed once").isEqualTo(2);
		assertThat(writtenAtCrash).isLessThan(20_000);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(rows).as("no row lost, none twice").hasSize(20_000);
		assertThat(rows.stream().map((row) -> row.getLong("id", 0)).collect(Collectors.toSet()))
			.isEqualTo(range(10_001, 30_000));
		assertThat(rows).allMatch((row) -> row.getString("name", 0).startsWith("name-"));
		assertThat(progress(run, "rowsWritten")).isEqualTo(20_000);
		assertThat(mark("crash-inc")).containsEntry("value", BASE.plusSeconds(30_000).toString());
		assertThat(logs(id)).contains("Resuming after chunk")
			.contains("Skipped 10020 records with updated_at not above the mark and 20 records without a value");
		assertThat(fixtures().catalog().registrations("crash-inc"))
			.filteredOn((registration) -> ("sync-run:" + id).equals(registration.get("producedBy")))
			.as("registered once")
			.hasSize(1);
	}

	@Test
	void jobWhenCursorColumnCannotWorkThenRefusedAtCreation() throws IOException {
		write("typed.csv", "id,flag\n1,true\n");
		source(Map.of("name", "typed-csv", "kind", "csv", "path", "typed.csv", "columns",
				List.of(FileSyncTests.column("id", "bigint", false), FileSyncTests.column("flag", "boolean", true))));
		source(Map.of("name", "bare-csv", "kind", "csv", "path", "typed.csv", "header", false));
		for (Map<String, Object> body : List.of(
				Map.<String, Object>of("source", "typed-csv", "cursorColumn", "updated_at"),
				Map.<String, Object>of("source", "typed-csv", "cursorColumn", "flag"),
				Map.<String, Object>of("source", "typed-csv"),
				Map.<String, Object>of("source", "bare-csv", "cursorColumn", "id"))) {
			Map<String, Object> job = new java.util.HashMap<>(body);
			job.putAll(Map.of("name", "bad-cursor", "dataset", "bad-cursor", "mode", "incremental"));
			Api.Answer answer = api().post("/api/v1/sync/jobs", job);
			assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
				.hasStatus(400)
				.hasCode("VALIDATION_FAILED");
			assertThat(answer.body()).as(body.toString()).contains("cursorColumn");
		}
		assertThat(api().get("/api/v1/sync/jobs/bad-cursor").status()).isEqualTo(404);
		job(Map.of("name", "bare-cursor", "source", "bare-csv", "dataset", "bare-cursor", "mode", "incremental",
				"cursorColumn", "_c0"));
		Map<String, Object> run = awaitState(start("bare-cursor"), "SUCCEEDED");
		assertThat(progress(run, "rowsWritten")).as("_c0 as text: 'id' and '1'").isEqualTo(2);
	}

	@Test
	void runWhenCursorColumnIsNotInTheHeaderThenFailsAndCommitsNothing() throws IOException {
		write("headed.csv", "id,name\n1,a\n");
		source(Map.of("name", "headed-csv", "kind", "csv", "path", "headed.csv"));
		job(Map.of("name", "headed", "source", "headed-csv", "dataset", "headed", "mode", "incremental", "cursorColumn",
				"updated_at"));
		Map<String, Object> run = awaitState(start("headed"), "FAILED");
		assertThat(error(run)).containsEntry("code", "SOURCE_READ_FAILED");
		assertThat((String) error(run).get("detail")).contains("'updated_at'").contains("[id, name]");
		assertThat(run.get("location")).isNull();
		assertThat(fixtures().catalog().registrations("headed")).isEmpty();
		assertThat(api().get("/api/v1/sync/jobs/headed").json().get("highWaterMark")).isNull();
	}

	private static void appendCsv(StringBuilder csv, int from, int to) {
		for (int i = from; i <= to; i++) {
			csv.append(i)
				.append(",name-")
				.append(i)
				.append(',')
				.append(i)
				.append(".25,")
				.append(BASE.plusSeconds(i))
				.append('\n');
		}
	}

	private Set<Long> ids(Map<String, Object> run) throws IOException {
		return ParquetFiles.read(this.lake.fileSystem(), versionDir(run))
			.stream()
			.map((row) -> row.getLong("id", 0))
			.collect(Collectors.toSet());
	}

	private static Set<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> mark(String job) {
		Object mark = api().get("/api/v1/sync/jobs/" + job).json().get("highWaterMark");
		assertThat(mark).as("the job's mark").isNotNull();
		return (mark instanceof Map) ? (Map<String, Object>) mark
				: new Api.Answer(200, "application/json", (String) mark).json();
	}

	private String logs(long id) {
		return api().get("/api/v1/sync/runs/" + id + "/logs?limit=1000").body();
	}

	private Path inbox(String name) {
		return fixtures().inbox().resolve(name);
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(inbox(name), content, StandardCharsets.UTF_8);
	}

	private void source(Map<String, Object> body) {
		Api.Answer answer = api().post("/api/v1/sync/sources", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

}
