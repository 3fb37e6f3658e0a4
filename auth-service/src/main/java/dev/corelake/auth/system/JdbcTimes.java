package dev.corelake.auth.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from {@code timestamp with time zone} columns with plain JDBC, the same
 * way on H2 and PostgreSQL (whose driver does not bind {@link Instant} itself).
 *
 * @author Corelake
 */
public final class JdbcTimes {

	private JdbcTimes() {
	}

	/**
	 * An instant as a bindable parameter.
	 * @param instant the instant, may be {@code null}
	 * @return the parameter value
	 */
	public static OffsetDateTime at(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * Reads an instant.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant, or {@code null}
	 * @throws SQLException on a read failure
	 */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
