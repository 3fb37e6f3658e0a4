package dev.corelake.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV and JSON Lines sources from the allowed directory: typed columns, quoted fields,
 * rejected records kept with their reason, and the reject limit that fails a run without
 * committing anything.
 *
 * @author Corelake
 */
class FileSyncTests extends AbstractSyncTests {

	@Test
	void csvWhenTypedColumnsAndQuotedFieldsThenEveryRowArrivesTyped() throws IOException {
		StringBuilder csv = new StringBuilder("id,name,price,day\n");
		csv.append("1,\"Smith, Anna\",12.50,2026-01-02\n");
		csv.append("2,\"multi\nline \"\"quoted\"\"\",0.99,2026-01-03\r\n");
		for (int i = 3; i <= 5000; i++) {
			csv.append(i).append(",name-").append(i).append(',').append(i).append(".25,2026-02-01\n");
		}
		write("products.csv", csv.toString());
		source(Map.of("name", "products-csv", "kind", "csv", "path", "products.csv", "columns",
				List.of(column("id", "bigint", false), column("name", "string", true),
						column("price", "decimal(10,2)", true), column("day", "date", true))));
		job(Map.of("name", "products", "source", "products-csv", "dataset", "products", "chunkRows", 1000));
		Map<String, Object> run = awaitState(start("products"), "SUCCEEDED");

		assertThat(progress(run, "rowsWritten")).isEqualTo(5000);
		assertThat(progress(run, "totalBytes")).isEqualTo(csv.toString().getBytes(StandardCharsets.UTF_8).length);
		assertThat(progress(run, "bytesRead")).isEqualTo(progress(run, "totalBytes"));
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(rows).hasSize(5000);
		Group second = rows.stream().filter((row) -> row.getLong("id", 0) == 2).findFirst().orElseThrow();
		assertThat(second.getString("name", 0)).isEqualTo("multi\nline \"quoted\"");
		assertThat(second.getLong("price", 0)).as("unscaled decimal").isEqualTo(99);
		assertThat(rows.stream().mapToLong((row) -> row.getLong("id", 0)).sum()).isEqualTo(5000L * 5001 / 2);
		assertThat(fixtures().catalog().registrations("products").get(0)).containsEntry("source",
				Map.of("kind", "csv", "name", "products-csv", "detail", "products.csv"));
	}

	@Test
	void jsonLinesWhenNoColumnsDeclaredThenTheFirstObjectNamesThemAsStrings() throws IOException {
		write("events.jsonl", "{\"id\":1,\"kind\":\"click\",\"meta\":{\"x\":1}}\n\n{\"id\":2,\"kind\":\"view\"}\n");
		source(Map.of("name", "events-jsonl", "kind", "jsonl", "path", "events.jsonl"));
		job(Map.of("name", "events", "source", "events-jsonl", "dataset", "events"));
		Map<String, Object> run = awaitState(start("events"), "SUCCEEDED");
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).getString("meta", 0)).isEqualTo("{\"x\":1}");
		assertThat(rows.get(1).getFieldRepetitionCount("meta")).isZero();
	}

	@Test
	void csvWhenSomeRecordsAreBadAndWithinTheLimitThenTheyAreRejectedWithTheirReason() throws IOException {
		write("mixed.csv", "id,qty\n1,10\n2,ten\n3,30\n4\n5,50\n");
		source(Map.of("name", "mixed-csv", "kind", "csv", "path", "mixed.csv", "columns",
				List.of(column("id", "int", false), column("qty", "int", false))));
		job(Map.of("name", "mixed", "source", "mixed-csv", "dataset", "mixed", "rejectLimit", Map.of("count", 2)));
		long id = start("mixed");
		Map<String, Object> run = awaitState(id, "SUCCEEDED");
		assertThat(progress(run, "rowsWritten")).isEqualTo(3);
		assertThat(progress(run, "rowsRejected")).isEqualTo(2);
		Api.Answer rejects = api().get("/api/v1/sync/runs/" + id + "/rejects");
		assertThat(rejects.status()).isEqualTo(200);
		assertThat(rejects.contentType()).startsWith("application/x-ndjson");
		assertThat(rejects.body().lines()).hasSize(2);
		assertThat(rejects.body()).contains("'ten' is not a valid int").contains("expected at least 2 fields");
		assertThat(ParquetFiles.count(this.lake.fileSystem(), versionDir(run))).isEqualTo(3);
	}

	@Test
	void csvWhenRejectsExceedTheCountThenRunFailsAndNothingIsCommitted() throws IOException {
		StringBuilder csv = new StringBuilder("id\n");
		for (int i = 0; i < 3000; i++) {
			csv.append((i % 100 == 7) ? "x" : Integer.toString(i)).append('\n');
		}
		write("bad.csv", csv.toString());
		source(Map.of("name", "bad-csv", "kind", "csv", "path", "bad.csv", "columns",
				List.of(column("id", "int", false))));
		job(Map.of("name", "bad-count", "source", "bad-csv", "dataset", "bad-count", "rejectLimit", Map.of("count", 5),
				"chunkRows", 1000));
		long id = start("bad-count");
		Map<String, Object> run = awaitState(id, "FAILED");
		assertThat(error(run)).containsEntry("code", "REJECT_LIMIT_EXCEEDED");
		assertThat(run.get("location")).isNull();
		assertThat(fixtures().catalog().registrations("bad-count")).isEmpty();
		assertThat(this.lake.fileSystem().exists(this.lake.versionPath("bad-count", "sync-" + id))).isFalse();
		assertThat(api().get("/api/v1/sync/runs/" + id + "/rejects").body().lines())
			.as("the rejects stay for diagnosis")
			.hasSize(6);
	}

	@Test
	void csvWhenRejectsExceedThePercentageThenRunFailsAndNothingIsCommitted() throws IOException {
		write("bad-share.csv", "id\n1\nx\n3\ny\n5\n");
		source(Map.of("name", "bad-share", "kind", "csv", "path", "bad-share.csv", "columns",
				List.of(column("id", "int", false))));
		job(Map.of("name", "bad-share", "source", "bad-share", "dataset", "bad-share", "rejectLimit",
				Map.of("percent", 10.0)));
		Map<String, Object> run = awaitState(start("bad-share"), "FAILED");
		assertThat(error(run)).containsEntry("code", "REJECT_LIMIT_EXCEEDED");
		assertThat((String) (error(run)).get("detail")).contains("2 of 5 records");
		assertThat(fixtures().catalog().registrations("bad-share")).isEmpty();
	}

	@Test
	void fileWhenItVanishesBeforeTheRunThenRunFailsAsUnreachable() throws IOException {
		write("gone.csv", "a\n1\n");
		source(Map.of("name", "gone-csv", "kind", "csv", "path", "gone.csv"));
		job(Map.of("name", "gone", "source", "gone-csv", "dataset", "gone"));
		Files.delete(fixtures().inbox().resolve("gone.csv"));
		Map<String, Object> run = awaitState(start("gone"), "FAILED");
		assertThat(error(run)).containsEntry("code", "SOURCE_UNREACHABLE");
	}

	private void write(String name, String content) throws IOException {
		Path file = fixtures().inbox().resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	private void source(Map<String, Object> body) {
		Api.Answer answer = api().post("/api/v1/sync/sources", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	static Map<String, Object> column(String name, String type, boolean nullable) {
		return Map.of("name", name, "type", type, "nullable", nullable);
	}

}
