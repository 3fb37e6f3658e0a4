package dev.corelake.sync.engine;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.corelake.sync.SyncFixtures;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.job.JobSpec;
import dev.corelake.sync.job.SyncMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code COPY} reader against the query reader on the same real PostgreSQL tables:
 * every column type the mapping knows, edge values and nulls, resumed after a key and
 * between cursor bounds, must give the same rows in the same order (and the same rejected
 * rows); strings come with their UTF-8 bytes; keys that look like SQL stay values.
 *
 * @author Corelake
 */
class PostgresCopyReaderTests {

	private static final String TYPES = "create table %s (id bigint primary key, small smallint, i integer, b boolean, "
			+ "f4 real, f8 double precision, n1 numeric(12,2), n2 numeric(18,6), n3 numeric(30,5), n4 numeric(5,0), "
			+ "n5 numeric(18,18), nu numeric, t text, v varchar(20), c char(6), nm name, bin bytea, d date, "
			+ "ts timestamp, tz timestamptz, u uuid, j jsonb, iv interval, arr int[])";

	private final JdbcPuller copy = new JdbcPuller(null, null, 500, true);

	private final JdbcPuller query = new JdbcPuller(null, null, 500, false);

	private Connection connection;

	@BeforeEach
	void connect() throws Exception {
		this.connection = SyncFixtures.get().connection();
		this.connection.setAutoCommit(false);
	}

	@AfterEach
	void close() throws Exception {
		this.connection.rollback();
		this.connection.close();
	}

	@Test
	void everyTypeWhenReadWithCopyThenTheSameRowsAsTheQuery() throws Exception {
		SyncFixtures.get()
			.sql(String.format(TYPES, "copy_types"), "insert into copy_types select g, "
					+ "(g % 30000 - 15000)::smallint, g * 7919 - 20000000, g % 3 = 0, g / 3.0::real, "
					+ "case g % 5 when 0 then -g / 7.0 else g * 1e10 / 3 end, (g * 1.37 - 900)::numeric(12,2), "
					+ "((g - 1500) * 12345.678901)::numeric(18,6), (g * 98765432109876543.21)::numeric(30,5), "
					+ "(g % 99999)::numeric(5,0), (g / 3001.0)::numeric(18,18), g * 1.5 / 7, "
					+ "'text ' || g || ' ü€😀', 'v' || g, 'c' || (g % 10), 'name' || g, "
					+ "decode(lpad(to_hex(g), 8, '0') || '00ff', 'hex'), date '1999-12-31' + (g - 1500), "
					+ "timestamp '1969-12-31 23:59:59.999999' + (g - 1500) * interval '1 hour 1 microsecond', "
					+ "timestamptz '2000-01-01 00:00:00+00' + (g - 1500) * interval '1 day 1.5 seconds', "
					+ "md5(g::text)::uuid, jsonb_build_object('g', g, 'x', 'y'), g * interval '1 second', array[g, -g] "
					+ "from generate_series(1, 3000) g",
					// nulls in every nullable column, and edge values
					"insert into copy_types (id) values (3001)",
					"insert into copy_types values (3002, 32767, -2147483648, false, 'NaN', 'Infinity', "
							+ "-9999999999.99, 999999999999.999999, -1234567890123456789012345.12345, 0, "
							+ "0.000000000000000001, 'NaN', '', '', 'a', '', '\\x', '0001-01-01', "
							+ "'1900-01-01 00:00:00', '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000', "
							+ "'null', '-1 day', '{}')",
					"insert into copy_types (id, f4, f8, n1, n2, t) values (3003, '-Infinity', '-0', 0.01, -0.000001, "
							+ "'quote '' backslash \\ tab\t')");
		RunPlan plan = plan("copy_types", SyncMode.FULL, null);
		assertThat(PostgresCopyReader.selectList(this.connection, plan)).as("read with COPY")
			.isNotNull()
			.contains("\"nu\"::text", "\"u\"::text", "\"j\"::text", "\"iv\"::text", "\"arr\"::text")
			.doesNotContain("\"c\"::text", "\"t\"::text");

		Rows fromCopy = read(this.copy, plan, List.of());
		Rows fromQuery = read(this.query, plan, List.of());

		assertThat(fromCopy.rows).hasSize(3003);
		assertThat(fromCopy.rejected).isZero();
		assertSameRows(fromCopy, fromQuery);
		// strings come with the bytes the server sent
		int text = plan.schema().indexOf("t");
		for (int i = 0; i < fromCopy.rows.size(); i++) {
			Object value = fromCopy.rows.get(i)[text];
			byte[] bytes = fromCopy.utf8.get(i)[text];
			assertThat(bytes).isEqualTo((value != null) ? ((String) value).getBytes(StandardCharsets.UTF_8) : null);
		}
	}

	@Test
	void resumedAfterAKeyAndBetweenCursorBoundsThenTheSameRowsAsTheQuery() throws Exception {
		SyncFixtures.get()
			.sql("create table copy_resume (k text, n integer, at timestamptz not null, amount numeric(10,3), "
					+ "primary key (k, n))",
					"insert into copy_resume select 'key '' \\ ' || (g % 50), g, "
							+ "timestamptz '2026-03-01 00:00:00+00' + g * interval '1.25 second', g * 0.125 "
							+ "from generate_series(1, 2000) g");
		RunPlan incremental = plan("copy_resume", SyncMode.INCREMENTAL, "at");
		assertThat(incremental.orderColumns()).hasSize(3);
		List<TypedValue> after = List.of(TypedValue.of(ColumnType.TIMESTAMP, 1_772_323_200_000_000L + 1_000_000_000L),
				new TypedValue(ColumnType.STRING, "key ' \\ 7"), new TypedValue(ColumnType.INT, "807"));
		RunPlan bounded = new RunPlan(incremental.columns(), incremental.sqlColumns(), incremental.table(),
				incremental.orderColumns(), incremental.cursorColumn(),
				TypedValue.of(ColumnType.TIMESTAMP, 1_772_323_200_000_000L + 100_000_000L),
				TypedValue.of(ColumnType.TIMESTAMP, 1_772_323_200_000_000L + 2_000_000_000L), null, null, null, null,
				null, false);

		for (List<TypedValue> from : List.of(List.<TypedValue>of(), after)) {
			Rows fromCopy = read(this.copy, bounded, from);
			Rows fromQuery = read(this.query, bounded, from);
			assertThat(fromCopy.rows).isNotEmpty();
			assertSameRows(fromCopy, fromQuery);
		}
		assertThat(read(this.copy, bounded, after).rows).as("rows past the key, up to the upper bound").hasSize(800);
	}

	@Test
	void keysThatLookLikeSqlThenTheyAreValuesAndTheTableStays() throws Exception {
		SyncFixtures.get()
			.sql("create table copy_quotes (k text primary key, v integer)",
					"insert into copy_quotes values ('a', 1), ('b''); drop table copy_quotes; --', 2), ('c', 3)");
		RunPlan plan = plan("copy_quotes", SyncMode.FULL, null);
		Rows rows = read(this.copy, plan,
				List.of(new TypedValue(ColumnType.STRING, "a'); drop table copy_quotes; --")));
		assertThat(rows.rows).extracting((row) -> row[0]).containsExactly("b'); drop table copy_quotes; --", "c");
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from copy_quotes")) {
			rs.next();
			assertThat(rs.getInt(1)).isEqualTo(3);
		}
	}

	@Test
	void valuesTheColumnTypeCannotHoldThenTheirRowsAreRejectedAsByTheQuery() throws Exception {
		SyncFixtures.get()
			.sql("create table copy_rejects (id integer primary key, n numeric(8,2), ts timestamp, tz timestamptz, "
					+ "d date)",
					"insert into copy_rejects values (1, 1.5, '2026-01-01', '2026-01-01Z', '2026-01-01'), "
							+ "(2, 'NaN', null, null, null), (3, null, 'infinity', null, null), "
							+ "(4, null, null, '-infinity', null), (5, null, null, null, 'infinity'), "
							+ "(6, 2.25, '2026-01-02', null, '-infinity'), (7, -3, null, null, null)");
		RunPlan plan = plan("copy_rejects", SyncMode.FULL, null);
		Rows fromCopy = read(this.copy, plan, List.of());
		Rows fromQuery = read(this.query, plan, List.of());
		assertThat(fromCopy.rejected).isEqualTo(5);
		assertThat(fromCopy.rows).extracting((row) -> row[0]).containsExactly(1, 7);
		assertThat(fromCopy.reasons).allSatisfy((reason) -> assertThat(reason).containsAnyOf("NaN", "infinite"));
		assertSameRows(fromCopy, fromQuery);
	}

	private static void assertSameRows(Rows actual, Rows expected) {
		assertThat(actual.rows).hasSameSizeAs(expected.rows);
		assertThat(actual.rejected).isEqualTo(expected.rejected);
		for (int i = 0; i < actual.rows.size(); i++) {
			Object[] row = actual.rows.get(i);
			Object[] other = expected.rows.get(i);
			assertThat(row).as("row %d", i).isEqualTo(other);
		}
	}

	private RunPlan plan(String table, SyncMode mode, String cursor) throws Exception {
		JobSpec spec = new JobSpec(table, null, mode, cursor, null, null, null, null, null, null);
		return this.copy.plan(this.connection, spec, null).plan();
	}

	private Rows read(JdbcPuller puller, RunPlan plan, List<TypedValue> after) throws Exception {
		Rows rows = new Rows();
		try (RowReader reader = puller.open(this.connection, plan, after)) {
			boolean more = true;
			while (more) {
				RowBatch batch = new RowBatch(97);
				while (!batch.isFull() && (more = reader.next(batch))) {
					// fill
				}
				for (int i = 0; i < batch.size; i++) {
					if (batch.rows[i] == null) {
						rows.rejected++;
						rows.reasons.add(batch.rejectReasons[i]);
						continue;
					}
					rows.rows.add(batch.rows[i]);
					byte[][] utf8 = new byte[plan.columns().size()][];
					for (int column = 0; column < utf8.length; column++) {
						utf8[column] = (batch.utf8 != null && batch.utf8[column] != null) ? batch.utf8[column][i]
								: null;
					}
					rows.utf8.add(utf8);
				}
			}
		}
		return rows;
	}

	private static final class Rows {

		final List<Object[]> rows = new ArrayList<>();

		final List<byte[][]> utf8 = new ArrayList<>();

		final List<String> reasons = new ArrayList<>();

		int rejected;

		@Override
		public String toString() {
			return this.rows.stream().limit(3).map(Arrays::toString).toList().toString();
		}

	}

}
