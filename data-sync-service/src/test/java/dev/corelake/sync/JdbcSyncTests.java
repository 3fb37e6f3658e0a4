package dev.corelake.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import dev.corelake.sync.format.Values;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JDBC sources end to end: a real PostgreSQL table pulled into the {@code file:} lake as
 * Parquet, read back, and compared row by row (count and checksum) with the table;
 * registered in the catalog once, with schema, counts and origin; incremental runs that
 * read only the rows past the high-water mark.
 *
 * @author Corelake
 */
class JdbcSyncTests extends AbstractSyncTests {

	/** Columns of every type the mapping handles, nulls included. */
	static String createOrders(String table, int rows) {
		return "create table " + table + " (id bigint primary key, customer text not null, amount numeric(12,2), "
				+ "created_at timestamp, updated_at timestamptz not null, note varchar(40), flag boolean, "
				+ "day date, ratio double precision, qty integer); " + "insert into " + table
				+ " select g, 'customer-' || (g % 97), (g * 1.37)::numeric(12,2), "
				+ "timestamp '2026-01-01' + g * interval '1 minute', "
				+ "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', "
				+ "case when g % 10 = 0 then null else 'n' || g end, g % 2 = 0, date '2026-01-01' + (g % 365), "
				+ "g / 7.0, (g % 1000)::int from generate_series(1, " + rows + ") g";
	}

	@Test
	@SuppressWarnings("unchecked")
	void fullSyncWhenPostgresTableThenParquetHoldsExactlyItsRowsAndTheCatalogOneVersion() throws Exception {
		fixtures().sql(createOrders("orders_full", 25_000));
		postgresSource("pg-full");
		job(Map.of("name", "orders-full", "source", "pg-full", "dataset", "orders-full", "table", "orders_full",
				"chunkRows", 10_000));
		long id = start("orders-full");
		Map<String, Object> run = awaitState(id, "SUCCEEDED");

		assertThat(progress(run, "rowsWritten")).isEqualTo(25_000);
		assertThat(progress(run, "rowsRejected")).isZero();
		assertThat(progress(run, "totalRows")).isEqualTo(25_000);
		assertThat(((Number) ((Map<?, ?>) run.get("progress")).get("percent")).doubleValue()).isEqualTo(100.0);
		assertThat(run.get("datasetVersion")).isEqualTo(1);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(ParquetFiles.parts(this.lake.fileSystem(), versionDir(run))).as("one part per 10 000-row chunk")
			.hasSize(3);
		assertThat(rows).hasSize(25_000);
		assertThat(checksum(rows)).isEqualTo(tableChecksum("orders_full"));

		List<Map<String, Object>> registrations = fixtures().catalog().registrations("orders-full");
		assertThat(registrations).hasSize(1);
		Map<String, Object> registration = registrations.get(0);
		assertThat(registration).containsEntry("producedBy", "sync-run:" + id)
			.containsEntry("format", "PARQUET")
			.containsEntry("rowCount", 25_000)
			.containsEntry("location", run.get("location"))
			.containsEntry("source", Map.of("kind", "jdbc", "name", "pg-full", "detail", "orders_full"));
		assertThat((List<Object>) registration.get("schema")).contains(
				Map.of("name", "id", "type", "bigint", "nullable", false),
				Map.of("name", "amount", "type", "decimal(12,2)", "nullable", true),
				Map.of("name", "created_at", "type", "timestamp_ntz", "nullable", true),
				Map.of("name", "updated_at", "type", "timestamp", "nullable", false),
				Map.of("name", "day", "type", "date", "nullable", true));
		assertThat(fixtures().catalog().dataset("orders-full")).containsEntry("owner", "anonymous");
		assertThat(api().get("/api/v1/sync/runs/" + id + "/logs").body()).contains("Registered as version 1");
	}

	@Test
	void incrementalSyncWhenRowsAreAddedThenEachRunReadsOnlyRowsPastTheMark() throws Exception {
		fixtures().sql(createOrders("orders_inc", 1_000));
		postgresSource("pg-inc");
		job(Map.of("name", "orders-inc", "source", "pg-inc", "dataset", "orders-inc", "table", "orders_inc", "mode",
				"incremental", "cursorColumn", "updated_at"));

		Map<String, Object> first = awaitState(start("orders-inc"), "SUCCEEDED");
		assertThat(progress(first, "rowsWritten")).isEqualTo(1_000);
		assertThat((String) api().get("/api/v1/sync/jobs/orders-inc").json().get("highWaterMark"))
			.contains("2026-01-01T00:16:40Z");

		fixtures().sql("insert into orders_inc select g, 'late', 1.00, null, "
				+ "timestamptz '2026-02-01 00:00:00+00' + g * interval '1 second', null, null, null, null, null "
				+ "from generate_series(1001, 1250) g");
		Map<String, Object> second = awaitState(start("orders-inc"), "SUCCEEDED");
		assertThat(progress(second, "rowsWritten")).isEqualTo(250);
		assertThat(second.get("datasetVersion")).isEqualTo(2);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(second));
		assertThat(rows).extracting((row) -> row.getLong("id", 0)).allMatch((value) -> value > 1000).hasSize(250);

		Map<String, Object> third = awaitState(start("orders-inc"), "SUCCEEDED");
		assertThat(progress(third, "rowsWritten")).as("nothing new").isZero();
		assertThat(ParquetFiles.count(this.lake.fileSystem(), versionDir(third))).isZero();

		assertThat(api().delete("/api/v1/sync/jobs/orders-inc/high-water-mark").json().get("highWaterMark")).isNull();
		Map<String, Object> fourth = awaitState(start("orders-inc"), "SUCCEEDED");
		assertThat(progress(fourth, "rowsWritten")).as("a reset mark reads everything again").isEqualTo(1_250);
	}

	@Test
	@SuppressWarnings("unchecked")
	void runWhenTableIsMissingThenFailsWithSourceReadFailedAndCommitsNothing() {
		postgresSource("pg-missing");
		job(Map.of("name", "missing-table", "source", "pg-missing", "dataset", "missing-table", "table",
				"no_such_table"));
		Map<String, Object> run = awaitState(start("missing-table"), "FAILED");
		assertThat(error(run)).containsEntry("code", "SOURCE_READ_FAILED");
		assertThat(fixtures().catalog().registrations("missing-table")).isEmpty();
	}

	/** A checksum of rows independent of their order. */
	static long checksum(List<Group> rows) {
		long sum = 0;
		for (Group row : rows) {
			sum += crc(row.getLong("id", 0) + "|" + row.getString("customer", 0) + "|" + optionalLong(row, "amount")
					+ "|" + optionalLong(row, "created_at") + "|" + row.getLong("updated_at", 0) + "|"
					+ ((row.getFieldRepetitionCount("note") > 0) ? row.getString("note", 0) : "null"));
		}
		return sum;
	}

	static long tableChecksum(String table) throws SQLException {
		long sum = 0;
		try (Connection connection = SyncFixtures.get().connection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("select id, customer, amount, created_at, updated_at, note from " + table)) {
			while (rs.next()) {
				java.math.BigDecimal amount = rs.getBigDecimal("amount");
				LocalDateTime created = rs.getObject("created_at", LocalDateTime.class);
				OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
				sum += crc(rs.getLong("id") + "|" + rs.getString("customer") + "|"
						+ ((amount != null) ? Long.toString(amount.unscaledValue().longValueExact()) : "null") + "|"
						+ ((created != null) ? Long.toString(Values.micros(created.toInstant(ZoneOffset.UTC))) : "null")
						+ "|" + Values.micros(updated.toInstant()) + "|" + rs.getString("note"));
			}
		}
		return sum;
	}

	private static String optionalLong(Group row, String field) {
		return (row.getFieldRepetitionCount(field) > 0) ? Long.toString(row.getLong(field, 0)) : "null";
	}

	private static long crc(String text) {
		CRC32 crc = new CRC32();
		crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return crc.getValue();
	}

}
