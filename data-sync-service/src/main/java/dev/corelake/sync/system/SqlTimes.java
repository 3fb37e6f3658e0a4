package dev.corelake.sync.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of {@code timestamp with time zone} columns, alike on H2 and
 * PostgreSQL.
 *
 * @author Corelake
 */
public final class SqlTimes {

	private SqlTimes() {
	}

	/**
	 * An instant as a parameter.
	 * @param instant the instant, or {@code null}
	 * @return the parameter value
	 */
	public static OffsetDateTime of(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * An instant from a result column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant, or {@code null}
	 * @throws SQLException when the column cannot be read
	 */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
