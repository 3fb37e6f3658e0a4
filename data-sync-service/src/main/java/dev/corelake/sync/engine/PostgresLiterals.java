package dev.corelake.sync.engine;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * Typed PostgreSQL literals of stored values (resume keys, cursor bounds), for a
 * {@code COPY} query, which takes no parameters. Each value is parsed by its type first,
 * so only numbers, ISO dates and times, hexadecimal bytes and quoted strings (escaped by
 * the driver's own {@link Utils#escapeLiteral}) reach the query, each cast to the type
 * the driver would have bound it as.
 *
 * @author Corelake
 */
final class PostgresLiterals {

	private final boolean standardConformingStrings;

	private PostgresLiterals(boolean standardConformingStrings) {
		this.standardConformingStrings = standardConformingStrings;
	}

	/**
	 * Literals for a connection, quoted as its {@code standard_conforming_strings} says.
	 * @param connection the connection
	 * @return the literals
	 * @throws SQLException when the driver cannot say
	 */
	static PostgresLiterals of(Connection connection) throws SQLException {
		return new PostgresLiterals(connection.unwrap(BaseConnection.class).getStandardConformingStrings());
	}

	/**
	 * The literal of a value.
	 * @param value the value
	 * @return SQL text
	 * @throws SQLException when a string cannot be quoted (a NUL character)
	 * @throws IllegalArgumentException when the value is not one of its type
	 */
	String literal(TypedValue value) throws SQLException {
		String text = value.value();
		return switch (value.type()) {
			case BOOLEAN -> Boolean.parseBoolean(text) ? "true" : "false";
			case SMALLINT, INT -> Integer.parseInt(text) + "::int4";
			case BIGINT -> Long.parseLong(text) + "::int8";
			case FLOAT -> quoted(Float.toString(Float.parseFloat(text))) + "::float4";
			case DOUBLE -> quoted(Double.toString(Double.parseDouble(text))) + "::float8";
			case DECIMAL -> new BigDecimal(text).toPlainString() + "::numeric";
			case STRING -> quoted(text);
			case BINARY -> quoted("\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(text))) + "::bytea";
			case DATE -> quoted(LocalDate.parse(text).toString()) + "::date";
			case TIMESTAMP -> quoted(Instant.parse(text).toString()) + "::timestamptz";
			case TIMESTAMP_NTZ -> quoted(LocalDateTime.parse(text).toString()) + "::timestamp";
		};
	}

	private String quoted(String text) throws SQLException {
		StringBuilder sql = new StringBuilder();
		if (!this.standardConformingStrings) {
			// backslashes doubled by the driver are read back by an escape string
			sql.append('E');
		}
		sql.append('\'');
		Utils.escapeLiteral(sql, text, this.standardConformingStrings);
		return sql.append('\'').toString();
	}

}
