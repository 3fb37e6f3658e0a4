package dev.corelake.sync.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.format.Column;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.TableSchema;
import dev.corelake.sync.format.Values;
import dev.corelake.sync.job.JobSpec;
import dev.corelake.sync.job.SyncMode;
import dev.corelake.sync.net.JdbcGuard;
import dev.corelake.sync.source.SecretResolver;
import dev.corelake.sync.source.Source;
import dev.corelake.sync.system.SyncErrorCode;

/**
 * Plans and reads a JDBC table. Rows are ordered by the cursor (incremental) and the key
 * columns (given, else the primary key), so a resumed attempt continues after the key of
 * the last checkpointed row with a row-value comparison {@code (k1, k2) > (?, ?)}: no row
 * twice, none skipped. The result set is streamed: autocommit off, forward only, a fixed
 * fetch size.
 *
 * @author Corelake
 */
final class JdbcPuller {

	/** The table alias of the {@code COPY} query. */
	private static final String COPY_ALIAS = "corelake_source";

	private final JdbcGuard guard;

	private final SecretResolver secrets;

	private final int fetchSize;

	private final boolean postgresCopy;

	JdbcPuller(JdbcGuard guard, SecretResolver secrets, int fetchSize, boolean postgresCopy) {
		this.guard = guard;
		this.secrets = secrets;
		this.fetchSize = fetchSize;
		this.postgresCopy = postgresCopy;
	}

	/**
	 * Connects to a source's database, read-only, autocommit off.
	 * @param source the source
	 * @return the connection
	 */
	Connection connect(Source source) {
		String url = source.settings().url();
		this.guard.check(url);
		String password = (source.settings().passwordSecret() != null)
				? this.secrets.resolve(source.settings().passwordSecret()) : null;
		try {
			Connection connection = DriverManager.getConnection(url,
					this.guard.connectionProperties(url, source.settings().user(), password));
			connection.setAutoCommit(false);
			connection.setReadOnly(true);
			return connection;
		}
		catch (SQLException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE,
					"Cannot connect to source '" + source.name() + "': " + safeMessage(ex), ex);
		}
	}

	/**
	 * Plans a run: columns, order, cursor range and the number of rows.
	 * @param connection the connection
	 * @param spec the job
	 * @param highWaterMark the job's mark, or {@code null}
	 * @return the plan and the total rows
	 * @throws SQLException when the database refuses
	 */
	Planned plan(Connection connection, JobSpec spec, TypedValue highWaterMark) throws SQLException {
		String table = spec.table();
		String select = (spec.columns() != null) ? String.join(", ", spec.columns()) : "*";
		TableSchema schema;
		List<String> sqlColumns = new ArrayList<>();
		String quote = quoteString(connection);
		try (PreparedStatement statement = connection
			.prepareStatement("select " + select + " from " + table + " where 1 = 0");
				ResultSet rs = statement.executeQuery()) {
			ResultSetMetaData meta = rs.getMetaData();
			List<Column> columns = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				columns.add(column(meta, i));
				sqlColumns.add(quote(quote, meta.getColumnName(i)));
			}
			schema = new TableSchema(columns);
		}
		Integer cursor = null;
		List<Integer> order = new ArrayList<>();
		if (spec.mode() == SyncMode.INCREMENTAL) {
			cursor = required(schema, spec.cursorColumn(), "cursor column");
			order.add(cursor);
		}
		List<String> keys = (spec.keyColumns() != null) ? spec.keyColumns() : primaryKey(connection, table);
		for (String key : keys) {
			int index = schema.indexOf(key);
			if (index < 0) {
				if (spec.keyColumns() != null) {
					required(schema, key, "key column");
				}
				// a primary key column left out of the selected columns: no resumable
				// order
				order.clear();
				if (cursor != null) {
					order.add(cursor);
				}
				break;
			}
			if (!order.contains(index)) {
				order.add(index);
			}
		}
		TypedValue upper = null;
		boolean empty = false;
		if (cursor != null) {
			ColumnType cursorType = schema.columns().get(cursor).type();
			String cursorSql = sqlColumns.get(cursor);
			try (PreparedStatement statement = connection.prepareStatement("select max(" + cursorSql + ") from " + table
					+ ((highWaterMark != null) ? " where " + cursorSql + " > ?" : ""))) {
				if (highWaterMark != null) {
					highWaterMark.bind(statement, 1);
				}
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					Object value = read(rs, 1, schema.columns().get(cursor));
					if (value == null) {
						empty = true;
					}
					else {
						upper = TypedValue.of(cursorType, value);
					}
				}
			}
		}
		RunPlan plan = new RunPlan(RunPlan.columnsOf(schema), sqlColumns, table, order, cursor, highWaterMark, upper,
				null, null, null, null, null, empty);
		long total = 0;
		if (!empty) {
			try (PreparedStatement statement = connection
				.prepareStatement("select count(*) from " + table + where(plan, List.of(), () -> "?"))) {
				bindRange(statement, plan);
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					total = rs.getLong(1);
				}
			}
		}
		return new Planned(plan, total);
	}

	/**
	 * Opens the rows of a plan, after a key when resuming: from PostgreSQL with
	 * {@code COPY} ({@link PostgresCopyReader}) when its columns allow, otherwise with a
	 * streamed query.
	 * @param connection the connection
	 * @param plan the plan
	 * @param after the order values of the last row checkpointed, empty for the start
	 * @return the reader
	 * @throws SQLException when the database refuses
	 */
	RowReader open(Connection connection, RunPlan plan, List<TypedValue> after) throws SQLException {
		if (this.postgresCopy && PostgresCopyReader.isPostgres(connection)) {
			String select = PostgresCopyReader.selectList(connection, plan);
			if (select != null) {
				PostgresLiterals literals = PostgresLiterals.of(connection);
				Iterator<TypedValue> values = bound(plan, after).iterator();
				// ORDER BY names the table's own columns: the select list's text casts
				// keep the columns' names
				String sql = "select " + select + " from " + plan.table() + " " + COPY_ALIAS
						+ where(plan, after, () -> literals.literal(values.next())) + orderBy(plan, COPY_ALIAS + ".");
				return PostgresCopyReader.open(connection, sql, plan.schema());
			}
		}
		String sql = "select " + String.join(", ", plan.sqlColumns()) + " from " + plan.table()
				+ where(plan, after, () -> "?") + orderBy(plan, "");
		PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY);
		try {
			statement.setFetchSize(this.fetchSize);
			int index = 1;
			for (TypedValue value : bound(plan, after)) {
				value.bind(statement, index++);
			}
			ResultSet rs = statement.executeQuery();
			return new Reader(connection, statement, rs, plan.schema());
		}
		catch (SQLException | RuntimeException ex) {
			statement.close();
			throw ex;
		}
	}

	private static String orderBy(RunPlan plan, String qualifier) {
		if (plan.orderColumns().isEmpty()) {
			return "";
		}
		List<String> order = new ArrayList<>();
		plan.orderColumns().forEach((index) -> order.add(qualifier + plan.sqlColumns().get(index)));
		return " order by " + String.join(", ", order);
	}

	/** The values of the query's markers, in their order (see {@link #where}). */
	private static List<TypedValue> bound(RunPlan plan, List<TypedValue> after) {
		List<TypedValue> values = new ArrayList<>();
		if (plan.cursorColumn() != null) {
			if (plan.lowerBound() != null) {
				values.add(plan.lowerBound());
			}
			values.add(plan.upperBound());
		}
		values.addAll(after);
		return values;
	}

	/** The text of a query marker: a parameter, or a literal. */
	@FunctionalInterface
	private interface Marker {

		String next() throws SQLException;

	}

	private static String where(RunPlan plan, List<TypedValue> after, Marker marker) throws SQLException {
		List<String> conditions = new ArrayList<>();
		if (plan.cursorColumn() != null) {
			String cursor = plan.sqlColumns().get(plan.cursorColumn());
			if (plan.lowerBound() != null) {
				conditions.add(cursor + " > " + marker.next());
			}
			conditions.add(cursor + " <= " + marker.next());
		}
		if (!after.isEmpty()) {
			List<String> order = new ArrayList<>();
			List<String> marks = new ArrayList<>();
			for (int index : plan.orderColumns()) {
				order.add(plan.sqlColumns().get(index));
				marks.add(marker.next());
			}
			conditions.add((order.size() == 1) ? order.get(0) + " > " + marks.get(0)
					: "(" + String.join(", ", order) + ") > (" + String.join(", ", marks) + ")");
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	private static int bindRange(PreparedStatement statement, RunPlan plan) throws SQLException {
		int index = 1;
		if (plan.cursorColumn() != null) {
			if (plan.lowerBound() != null) {
				plan.lowerBound().bind(statement, index++);
			}
			plan.upperBound().bind(statement, index++);
		}
		return index;
	}

	private static int required(TableSchema schema, String name, String what) {
		int index = schema.indexOf(name);
		if (index < 0) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
					"The " + what + " '" + name + "' is not among the columns read: " + schema.names());
		}
		return index;
	}

	private static List<String> primaryKey(Connection connection, String table) throws SQLException {
		String schemaName = null;
		String tableName = table;
		int dot = table.indexOf('.');
		if (dot > 0) {
			schemaName = table.substring(0, dot);
			tableName = table.substring(dot + 1);
		}
		DatabaseMetaData meta = connection.getMetaData();
		for (String candidate : List.of(tableName, tableName.toLowerCase(Locale.ROOT),
				tableName.toUpperCase(Locale.ROOT))) {
			String schemaCandidate = (schemaName == null) ? null
					: (candidate.equals(tableName) ? schemaName : (candidate.equals(tableName.toLowerCase(Locale.ROOT))
							? schemaName.toLowerCase(Locale.ROOT) : schemaName.toUpperCase(Locale.ROOT)));
			List<String[]> keys = new ArrayList<>();
			try (ResultSet rs = meta.getPrimaryKeys(null, schemaCandidate, candidate)) {
				while (rs.next()) {
					keys.add(new String[] { Integer.toString(rs.getShort("KEY_SEQ")), rs.getString("COLUMN_NAME") });
				}
			}
			if (!keys.isEmpty()) {
				keys.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
				List<String> names = new ArrayList<>();
				keys.forEach((key) -> names.add(key[1]));
				return names;
			}
		}
		return List.of();
	}

	private static Column column(ResultSetMetaData meta, int i) throws SQLException {
		String name = meta.getColumnLabel(i);
		boolean nullable = meta.isNullable(i) != ResultSetMetaData.columnNoNulls;
		String typeName = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
		return switch (meta.getColumnType(i)) {
			case Types.BOOLEAN -> new Column(name, ColumnType.BOOLEAN, 0, 0, nullable);
			case Types.BIT -> (meta.getPrecision(i) <= 1) ? new Column(name, ColumnType.BOOLEAN, 0, 0, nullable)
					: new Column(name, ColumnType.STRING, 0, 0, nullable);
			case Types.TINYINT, Types.SMALLINT -> new Column(name, ColumnType.SMALLINT, 0, 0, nullable);
			case Types.INTEGER -> new Column(name, ColumnType.INT, 0, 0, nullable);
			case Types.BIGINT -> new Column(name, ColumnType.BIGINT, 0, 0, nullable);
			case Types.REAL -> new Column(name, ColumnType.FLOAT, 0, 0, nullable);
			case Types.FLOAT, Types.DOUBLE -> new Column(name, ColumnType.DOUBLE, 0, 0, nullable);
			case Types.NUMERIC, Types.DECIMAL -> {
				int precision = meta.getPrecision(i);
				int scale = meta.getScale(i);
				// an unconstrained NUMERIC has no fixed precision: kept exactly, as text
				yield (precision >= 1 && precision <= Column.MAX_PRECISION && scale >= 0 && scale <= precision)
						? Column.decimal(name, precision, scale, nullable)
						: new Column(name, ColumnType.STRING, 0, 0, nullable);
			}
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
				new Column(name, ColumnType.BINARY, 0, 0, nullable);
			case Types.DATE -> new Column(name, ColumnType.DATE, 0, 0, nullable);
			case Types.TIMESTAMP -> new Column(name, typeName.contains("tz") || typeName.contains("time zone")
					? ColumnType.TIMESTAMP : ColumnType.TIMESTAMP_NTZ, 0, 0, nullable);
			case Types.TIMESTAMP_WITH_TIMEZONE -> new Column(name, ColumnType.TIMESTAMP, 0, 0, nullable);
			default -> new Column(name, ColumnType.STRING, 0, 0, nullable);
		};
	}

	/**
	 * Reads a column of the current row as rows hold it (see {@link ColumnType}).
	 */
	static Object read(ResultSet rs, int index, Column column) throws SQLException {
		Object value = switch (column.type()) {
			case BOOLEAN -> rs.getBoolean(index);
			case SMALLINT, INT -> rs.getInt(index);
			case BIGINT -> rs.getLong(index);
			case FLOAT -> rs.getFloat(index);
			case DOUBLE -> rs.getDouble(index);
			case DECIMAL -> {
				BigDecimal decimal = rs.getBigDecimal(index);
				yield (decimal != null) ? decimal.setScale(column.scale(), RoundingMode.UNNECESSARY) : null;
			}
			case STRING -> rs.getString(index);
			case BINARY -> rs.getBytes(index);
			case DATE -> {
				LocalDate date = rs.getObject(index, LocalDate.class);
				// an infinite date (LocalDate.MAX or MIN) is no day a Parquet date holds:
				// its row is rejected rather than given a wrapped-around day
				yield (date != null) ? Math.toIntExact(date.toEpochDay()) : null;
			}
			case TIMESTAMP -> {
				OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
				yield (time != null) ? Values.micros(time.toInstant()) : null;
			}
			case TIMESTAMP_NTZ -> {
				LocalDateTime time = rs.getObject(index, LocalDateTime.class);
				yield (time != null) ? Values.micros(time) : null;
			}
		};
		return rs.wasNull() ? null : value;
	}

	private static String quoteString(Connection connection) throws SQLException {
		String quote = connection.getMetaData().getIdentifierQuoteString();
		return (quote == null || quote.isBlank()) ? "" : quote.trim();
	}

	private static String quote(String quote, String identifier) {
		if (quote.isEmpty()) {
			return identifier;
		}
		return quote + identifier.replace(quote, quote + quote) + quote;
	}

	/**
	 * A database error message without anything that could be a credential.
	 * @param ex the error
	 * @return the message
	 */
	static String safeMessage(SQLException ex) {
		String message = String.valueOf(ex.getMessage());
		return ((ex.getSQLState() != null) ? "[" + ex.getSQLState() + "] " : "")
				+ ((message.length() > 300) ? message.substring(0, 300) + "…" : message);
	}

	/**
	 * A plan and the number of rows it reads.
	 *
	 * @param plan the plan
	 * @param totalRows rows in range
	 */
	record Planned(RunPlan plan, long totalRows) {
	}

	/** Streams the rows of one query. */
	private static final class Reader implements RowReader {

		private final Connection connection;

		private final PreparedStatement statement;

		private final ResultSet rs;

		private final TableSchema schema;

		private final Column[] columns;

		/** Size of each column's values when it does not depend on the value, else 0. */
		private final int[] fixedSizes;

		private long bytes;

		Reader(Connection connection, PreparedStatement statement, ResultSet rs, TableSchema schema) {
			this.connection = connection;
			this.statement = statement;
			this.rs = rs;
			this.schema = schema;
			this.columns = schema.columns().toArray(Column[]::new);
			this.fixedSizes = new int[this.columns.length];
			for (int i = 0; i < this.columns.length; i++) {
				this.fixedSizes[i] = Values.fixedSize(this.columns[i]);
			}
		}

		@Override
		public boolean next(RowBatch batch) throws SQLException {
			if (!this.rs.next()) {
				return false;
			}
			Object[] row = new Object[this.columns.length];
			try {
				for (int i = 0; i < row.length; i++) {
					Object value = read(this.rs, i + 1, this.columns[i]);
					row[i] = value;
					if (value != null) {
						int fixed = this.fixedSizes[i];
						this.bytes += (fixed > 0) ? fixed : Values.size(value);
					}
				}
				batch.addRow(row, -1);
			}
			catch (SQLException | ArithmeticException | ClassCastException ex) {
				batch.addReject(ex.getClass().getSimpleName() + ": " + ex.getMessage(), describe(row), -1);
			}
			return true;
		}

		private String describe(Object[] row) {
			StringBuilder text = new StringBuilder("{");
			for (int i = 0; i < row.length && text.length() < 600; i++) {
				text.append((i > 0) ? ", " : "").append(this.schema.columns().get(i).name()).append('=').append(row[i]);
			}
			return Values.abbreviate(text.append('}').toString());
		}

		@Override
		public long bytesRead() {
			return this.bytes;
		}

		@Override
		public void close() {
			try {
				this.rs.close();
				this.statement.close();
				this.connection.rollback();
			}
			catch (SQLException ex) {
				// the connection is closed by its owner next
			}
		}

	}

}
