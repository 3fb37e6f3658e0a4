package dev.corelake.sync.engine;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.corelake.sync.format.Column;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.TableSchema;
import dev.corelake.sync.format.Values;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads a PostgreSQL table with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}: the
 * same rows in the same order as {@link JdbcPuller}'s query, streamed by the server
 * without a round trip per fetch and decoded here from PostgreSQL's binary wire format
 * straight into the values rows hold ({@link ColumnType}): no driver objects per row, no
 * text parsing, decimals without a {@code BigInteger}, strings handed to the Parquet
 * writer as the UTF-8 bytes the server sent.
 * <p>
 * Used when every column has a type decoded here (booleans, integers, floating point,
 * {@code numeric}, text types, {@code bytea}, dates and timestamps); any other type a
 * column is read as a string gets PostgreSQL's text form ({@code ::text}, what the
 * driver's {@code getString} returns). {@code COPY} takes no parameters, so the resume
 * keys and cursor bounds are written into the query as typed literals
 * ({@link PostgresLiterals}). A value the column type cannot hold ({@code NaN} in a
 * {@code numeric}, an infinite date or timestamp) rejects its row, as the driver's
 * conversion errors do on the other path.
 *
 * @author Corelake
 */
final class PostgresCopyReader implements RowReader {

	/** Text types whose binary form is their UTF-8 text. */
	private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char", "name");

	/** The binary format's signature (11 bytes) before the flags and the extension. */
	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

	/** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
	private static final long EPOCH_MICROS = 946_684_800_000_000L;

	/** Days from 1970-01-01 to 2000-01-01. */
	private static final int EPOCH_DAYS = 10_957;

	private static final long[] POWERS_OF_TEN = new long[19];

	static {
		POWERS_OF_TEN[0] = 1;
		for (int i = 1; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
		}
	}

	private final Connection connection;

	private final InputStream copy;

	private final TableSchema schema;

	private final Column[] columns;

	private final int[] fixedSizes;

	private final int[] stringIndex;

	private byte[] buffer = new byte[64 * 1024];

	private int position;

	private int limit;

	private boolean started;

	private boolean ended;

	private long bytes;

	private PostgresCopyReader(Connection connection, InputStream copy, TableSchema schema) {
		this.connection = connection;
		this.copy = copy;
		this.schema = schema;
		this.columns = schema.columns().toArray(Column[]::new);
		this.fixedSizes = new int[this.columns.length];
		this.stringIndex = new int[this.columns.length];
		for (int i = 0; i < this.columns.length; i++) {
			this.fixedSizes[i] = Values.fixedSize(this.columns[i]);
			this.stringIndex[i] = (this.columns[i].type() == ColumnType.STRING) ? i : -1;
		}
	}

	/**
	 * Whether a connection is to PostgreSQL.
	 * @param connection the connection
	 * @return {@code true} for PostgreSQL's driver
	 * @throws SQLException when the driver cannot say
	 */
	static boolean isPostgres(Connection connection) throws SQLException {
		return connection.isWrapperFor(PGConnection.class);
	}

	/**
	 * The select list for {@code COPY}: every column as it is, or cast to text when it is
	 * read as a string but its binary form is not text; {@code null} when a column's type
	 * is not one this reader decodes.
	 * @param connection the connection
	 * @param plan the plan
	 * @return the select list, or {@code null}
	 * @throws SQLException when the database refuses
	 */
	static String selectList(Connection connection, RunPlan plan) throws SQLException {
		List<String> sqlColumns = plan.sqlColumns();
		StringBuilder select = new StringBuilder();
		try (PreparedStatement statement = connection
			.prepareStatement("select " + String.join(", ", sqlColumns) + " from " + plan.table() + " where 1 = 0");
				ResultSet rs = statement.executeQuery()) {
			ResultSetMetaData meta = rs.getMetaData();
			if (meta.getColumnCount() != sqlColumns.size()) {
				return null;
			}
			List<RunPlan.PlanColumn> columns = plan.columns();
			for (int i = 0; i < sqlColumns.size(); i++) {
				String typeName = String.valueOf(meta.getColumnTypeName(i + 1)).toLowerCase(Locale.ROOT);
				ColumnType type = columns.get(i).type();
				String expression = sqlColumns.get(i);
				if (type == ColumnType.STRING) {
					expression = TEXT_TYPES.contains(typeName) ? expression : expression + "::text";
				}
				else if (!decodes(type, typeName)) {
					return null;
				}
				select.append((i > 0) ? ", " : "").append(expression);
			}
		}
		return select.toString();
	}

	private static boolean decodes(ColumnType type, String typeName) {
		return switch (type) {
			case BOOLEAN -> typeName.equals("bool");
			case SMALLINT -> typeName.equals("int2");
			case INT -> typeName.equals("int4") || typeName.equals("serial");
			case BIGINT -> typeName.equals("int8") || typeName.equals("bigserial");
			case FLOAT -> typeName.equals("float4");
			case DOUBLE -> typeName.equals("float8");
			case DECIMAL -> typeName.equals("numeric");
			case BINARY -> typeName.equals("bytea");
			case DATE -> typeName.equals("date");
			case TIMESTAMP -> typeName.equals("timestamptz");
			case TIMESTAMP_NTZ -> typeName.equals("timestamp");
			case STRING -> true;
		};
	}

	/**
	 * Starts the copy of a query.
	 * @param connection the connection (autocommit off)
	 * @param query the select whose rows are copied
	 * @param schema the rows' columns, in the query's order
	 * @return the reader
	 * @throws SQLException when the database refuses the query
	 */
	static PostgresCopyReader open(Connection connection, String query, TableSchema schema) throws SQLException {
		PGCopyInputStream copy = new PGCopyInputStream(connection.unwrap(PGConnection.class),
				"COPY (" + query + ") TO STDOUT (FORMAT binary)");
		return new PostgresCopyReader(connection, copy, schema);
	}

	@Override
	public boolean next(RowBatch batch) throws IOException, SQLException {
		if (this.ended) {
			return false;
		}
		if (!this.started) {
			readHeader();
			this.started = true;
		}
		ensure(2);
		int fields = readShort();
		if (fields == -1) {
			this.ended = true;
			return false;
		}
		if (fields != this.columns.length) {
			throw new SQLException("COPY sent a row of " + fields + " fields for " + this.columns.length + " columns");
		}
		Object[] row = new Object[fields];
		String rejected = null;
		for (int i = 0; i < fields; i++) {
			ensure(4);
			int length = readInt();
			if (length < 0) {
				continue;
			}
			ensure(length);
			int start = this.position;
			this.position += length;
			try {
				Object value = decode(this.columns[i], this.buffer, start, length);
				row[i] = value;
				int fixed = this.fixedSizes[i];
				this.bytes += (fixed > 0) ? fixed : ((value instanceof BigDecimal) ? Values.size(value) : length);
				if (this.stringIndex[i] >= 0) {
					batch.utf8(i, this.columns.length, Arrays.copyOfRange(this.buffer, start, start + length));
				}
			}
			catch (ArithmeticException | IllegalArgumentException ex) {
				if (rejected == null) {
					rejected = ex.getClass().getSimpleName() + ": column " + this.columns[i].name() + ": "
							+ ex.getMessage();
				}
			}
		}
		if (rejected != null) {
			batch.addReject(rejected, describe(row), -1);
		}
		else {
			batch.addRow(row, -1);
		}
		return true;
	}

	private Object decode(Column column, byte[] data, int at, int length) {
		return switch (column.type()) {
			case BOOLEAN -> {
				expect(column, length, 1);
				yield data[at] != 0;
			}
			case SMALLINT -> {
				expect(column, length, 2);
				yield (int) (short) (((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF));
			}
			case INT -> {
				expect(column, length, 4);
				yield int32(data, at);
			}
			case BIGINT -> {
				expect(column, length, 8);
				yield int64(data, at);
			}
			case FLOAT -> {
				expect(column, length, 4);
				yield Float.intBitsToFloat(int32(data, at));
			}
			case DOUBLE -> {
				expect(column, length, 8);
				yield Double.longBitsToDouble(int64(data, at));
			}
			case DECIMAL -> numeric(column, data, at, length);
			case STRING -> new String(data, at, length, StandardCharsets.UTF_8);
			case BINARY -> Arrays.copyOfRange(data, at, at + length);
			case DATE -> {
				expect(column, length, 4);
				int days = int32(data, at);
				if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
					throw new IllegalArgumentException("an infinite date has no calendar day");
				}
				yield days + EPOCH_DAYS;
			}
			case TIMESTAMP, TIMESTAMP_NTZ -> {
				expect(column, length, 8);
				long micros = int64(data, at);
				if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
					throw new IllegalArgumentException("an infinite timestamp has no time");
				}
				yield micros + EPOCH_MICROS;
			}
		};
	}

	/**
	 * A {@code numeric} in PostgreSQL's binary form (digit count, weight, sign, display
	 * scale, then base-10000 digits) at the column's scale, exactly: its unscaled value
	 * computed in a {@code long} when the column has at most 18 digits.
	 */
	static BigDecimal numeric(Column column, byte[] data, int at, int length) {
		if (length < 8) {
			throw new IllegalStateException("COPY sent a numeric of " + length + " bytes");
		}
		int digits = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
		int weight = (short) (((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF));
		int sign = ((data[at + 4] & 0xFF) << 8) | (data[at + 5] & 0xFF);
		if (sign != 0x0000 && sign != 0x4000) {
			throw new IllegalArgumentException(
					(sign == 0xC000) ? "NaN is not a decimal number" : "an infinite value is not a decimal number");
		}
		if (length != 8 + 2 * digits) {
			throw new IllegalStateException("COPY sent a numeric of " + length + " bytes for " + digits + " digits");
		}
		int scale = column.scale();
		// the value is the digits read as one base-10000 integer times 10000^exponent
		int exponent = weight - digits + 1;
		if (column.precision() <= 18) {
			// Horner's rule over the base-10000 digits; a digit group that straddles the
			// column's scale is cut there (its cut-off decimals must be zeros), groups
			// wholly beyond the scale must be zero
			long unscaled = 0;
			int lastExponent = 0;
			for (int i = 0; i < digits; i++) {
				int digit = ((data[at + 8 + 2 * i] & 0xFF) << 8) | (data[at + 9 + 2 * i] & 0xFF);
				int decimalExponent = 4 * (weight - i) + scale;
				if (decimalExponent >= 0) {
					unscaled = Math.addExact((i > 0) ? Math.multiplyExact(unscaled, 10_000L) : unscaled, digit);
					lastExponent = decimalExponent;
				}
				else if (decimalExponent > -4) {
					int cut = -decimalExponent;
					if (digit % POWERS_OF_TEN[cut] != 0) {
						throw new ArithmeticException("Rounding necessary");
					}
					unscaled = Math.addExact((i > 0) ? Math.multiplyExact(unscaled, POWERS_OF_TEN[4 - cut]) : unscaled,
							digit / POWERS_OF_TEN[cut]);
					lastExponent = 0;
				}
				else if (digit != 0) {
					throw new ArithmeticException("Rounding necessary");
				}
			}
			if (lastExponent >= POWERS_OF_TEN.length) {
				throw new ArithmeticException("Overflow");
			}
			unscaled = Math.multiplyExact(unscaled, POWERS_OF_TEN[lastExponent]);
			BigDecimal value = BigDecimal.valueOf((sign == 0x4000) ? -unscaled : unscaled, scale);
			if (value.precision() > column.precision()) {
				throw new ArithmeticException("Overflow");
			}
			return value;
		}
		BigInteger integer = BigInteger.ZERO;
		BigInteger base = BigInteger.valueOf(10_000);
		for (int i = 0; i < digits; i++) {
			int digit = ((data[at + 8 + 2 * i] & 0xFF) << 8) | (data[at + 9 + 2 * i] & 0xFF);
			integer = integer.multiply(base).add(BigInteger.valueOf(digit));
		}
		BigDecimal value = new BigDecimal((sign == 0x4000) ? integer.negate() : integer, -4 * exponent);
		return value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
	}

	private static void expect(Column column, int length, int expected) {
		if (length != expected) {
			throw new IllegalStateException("COPY sent " + length + " bytes for column " + column.name() + " ("
					+ column.type() + ", " + expected + " expected)");
		}
	}

	private static int int32(byte[] data, int at) {
		return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
				| (data[at + 3] & 0xFF);
	}

	private static long int64(byte[] data, int at) {
		return ((long) int32(data, at) << 32) | (int32(data, at + 4) & 0xFFFFFFFFL);
	}

	private void readHeader() throws IOException, SQLException {
		ensure(SIGNATURE.length + 8);
		if (!Arrays.equals(this.buffer, this.position, this.position + SIGNATURE.length, SIGNATURE, 0,
				SIGNATURE.length)) {
			throw new SQLException("COPY did not send PostgreSQL's binary format");
		}
		this.position += SIGNATURE.length + 4;
		int extension = readInt();
		if (extension < 0) {
			throw new SQLException("COPY sent a header extension of " + extension + " bytes");
		}
		ensure(extension);
		this.position += extension;
	}

	private int readShort() {
		int value = (short) (((this.buffer[this.position] & 0xFF) << 8) | (this.buffer[this.position + 1] & 0xFF));
		this.position += 2;
		return value;
	}

	private int readInt() {
		int value = int32(this.buffer, this.position);
		this.position += 4;
		return value;
	}

	/** Makes the next {@code count} bytes available in the buffer. */
	private void ensure(int count) throws IOException, SQLException {
		if (this.limit - this.position >= count) {
			return;
		}
		int left = this.limit - this.position;
		if (count > this.buffer.length) {
			// a value larger than the buffer: a buffer of its size
			this.buffer = Arrays.copyOfRange(this.buffer, this.position, this.position + Math.max(count, left));
		}
		else {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, left);
		}
		this.position = 0;
		this.limit = left;
		while (this.limit < count) {
			int read = this.copy.read(this.buffer, this.limit, this.buffer.length - this.limit);
			if (read < 0) {
				throw new SQLException("COPY ended in the middle of a row");
			}
			this.limit += read;
		}
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
			// stops the server's copy when it has not ended
			this.copy.close();
		}
		catch (IOException ex) {
			// the connection is closed by its owner next
		}
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			// as above
		}
	}

}
