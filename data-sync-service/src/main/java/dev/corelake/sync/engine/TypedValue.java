package dev.corelake.sync.engine;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import dev.corelake.sync.format.Column;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.Values;

/**
 * A value of a column kept outside a row: a cursor bound, a high-water mark, the key of
 * the last row of a chunk. Stored as text, so it survives in JSON exactly (decimals,
 * microseconds).
 *
 * @param type the column type
 * @param value the value as text (ISO-8601 for dates and times, Base64 for binaries)
 * @author Corelake
 */
public record TypedValue(ColumnType type, String value) {

	/**
	 * The value of a row's column.
	 * @param type the column type
	 * @param rowValue the value as rows hold it (see {@link ColumnType})
	 * @return the typed value
	 */
	public static TypedValue of(ColumnType type, Object rowValue) {
		String text = switch (type) {
			case DATE -> LocalDate.ofEpochDay((Integer) rowValue).toString();
			case TIMESTAMP -> Values.instant((Long) rowValue).toString();
			case TIMESTAMP_NTZ -> LocalDateTime.ofInstant(Values.instant((Long) rowValue), ZoneOffset.UTC).toString();
			case BINARY -> Base64.getEncoder().encodeToString((byte[]) rowValue);
			case DECIMAL -> ((BigDecimal) rowValue).toPlainString();
			default -> rowValue.toString();
		};
		return new TypedValue(type, text);
	}

	/**
	 * The value as rows of a column hold it (see {@link ColumnType}), read by the
	 * column's type, which may differ from the type it was stored with.
	 * @param column the column
	 * @return the value
	 * @throws IllegalArgumentException when the text is not a value of the column
	 */
	public Object rowValue(Column column) {
		Object parsed = Values.parse(new Column(column.name(), column.type(), column.precision(), column.scale(), true),
				this.value);
		if (parsed == null) {
			throw new IllegalArgumentException("column '" + column.name() + "': an empty value");
		}
		return parsed;
	}

	/**
	 * Binds the value to a statement parameter.
	 * @param statement the statement
	 * @param index the parameter index
	 * @throws SQLException when the driver refuses it
	 */
	public void bind(PreparedStatement statement, int index) throws SQLException {
		switch (this.type) {
			case BOOLEAN -> statement.setBoolean(index, Boolean.parseBoolean(this.value));
			case SMALLINT, INT -> statement.setInt(index, Integer.parseInt(this.value));
			case BIGINT -> statement.setLong(index, Long.parseLong(this.value));
			case FLOAT -> statement.setFloat(index, Float.parseFloat(this.value));
			case DOUBLE -> statement.setDouble(index, Double.parseDouble(this.value));
			case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(this.value));
			case STRING -> statement.setString(index, this.value);
			case BINARY -> statement.setBytes(index, Base64.getDecoder().decode(this.value));
			case DATE -> statement.setObject(index, LocalDate.parse(this.value));
			case TIMESTAMP -> statement.setObject(index, java.time.Instant.parse(this.value).atOffset(ZoneOffset.UTC));
			case TIMESTAMP_NTZ -> statement.setObject(index, LocalDateTime.parse(this.value));
		}
	}

}
