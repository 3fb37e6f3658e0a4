package dev.corelake.sync.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types a synced column can have, named as Spark SQL names them (what the catalog
 * records). Each type fixes the Java class of its values in a row: {@code BOOLEAN}
 * {@link Boolean}, {@code INT}/{@code SMALLINT} {@link Integer}, {@code BIGINT}
 * {@link Long}, {@code FLOAT} {@link Float}, {@code DOUBLE} {@link Double},
 * {@code DECIMAL} {@link java.math.BigDecimal} at the column's scale, {@code STRING}
 * {@link String}, {@code BINARY} {@code byte[]}, {@code DATE} {@link Integer} days since
 * 1970-01-01, {@code TIMESTAMP} and {@code TIMESTAMP_NTZ} {@link Long} microseconds since
 * 1970-01-01T00:00 (UTC, or wall-clock time without a zone).
 *
 * @author Corelake
 */
public enum ColumnType {

	/** true / false. */
	BOOLEAN("boolean"),
	/** 16-bit integer. */
	SMALLINT("smallint"),
	/** 32-bit integer. */
	INT("int"),
	/** 64-bit integer. */
	BIGINT("bigint"),
	/** 32-bit floating point. */
	FLOAT("float"),
	/** 64-bit floating point. */
	DOUBLE("double"),
	/** Exact decimal number with a precision (1-38) and a scale. */
	DECIMAL("decimal"),
	/** UTF-8 text. */
	STRING("string"),
	/** Bytes. */
	BINARY("binary"),
	/** A calendar date. */
	DATE("date"),
	/** An instant, stored in UTC. */
	TIMESTAMP("timestamp"),
	/** A date and time without a zone. */
	TIMESTAMP_NTZ("timestamp_ntz");

	private static final Pattern DECIMAL_PATTERN = Pattern.compile("decimal\\((\\d{1,2})\\s*,\\s*(\\d{1,2})\\)");

	private final String sqlName;

	ColumnType(String sqlName) {
		this.sqlName = sqlName;
	}

	/**
	 * The Spark SQL name of the type (without precision and scale).
	 * @return the name
	 */
	public String sqlName() {
		return this.sqlName;
	}

	/**
	 * Whether values of this type can serve as a growing cursor of incremental file
	 * syncs: numbers, strings, dates and timestamps (not booleans or binaries).
	 * @return whether the type orders rows
	 */
	public boolean cursorCapable() {
		return this != BOOLEAN && this != BINARY;
	}

	/**
	 * Parses a declared column type ({@code bigint}, {@code decimal(12,2)}, …).
	 * @param name column name, for the column returned
	 * @param declared the type as declared
	 * @param nullable whether values may be missing
	 * @return the column
	 * @throws IllegalArgumentException for an unknown type or an impossible precision
	 */
	public static Column column(String name, String declared, boolean nullable) {
		String type = declared.trim().toLowerCase(Locale.ROOT);
		Matcher decimal = DECIMAL_PATTERN.matcher(type);
		if (decimal.matches()) {
			return Column.decimal(name, Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)),
					nullable);
		}
		for (ColumnType candidate : values()) {
			if (candidate != DECIMAL && candidate.sqlName.equals(type)) {
				return new Column(name, candidate, 0, 0, nullable);
			}
		}
		if (type.equals("integer")) {
			return new Column(name, INT, 0, 0, nullable);
		}
		if (type.equals("long")) {
			return new Column(name, BIGINT, 0, 0, nullable);
		}
		throw new IllegalArgumentException("unknown column type '" + declared + "' (use boolean, smallint, int, "
				+ "bigint, float, double, decimal(p,s), string, binary, date, timestamp or timestamp_ntz)");
	}

}
