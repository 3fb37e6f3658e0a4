package dev.corelake.sync.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns text (a CSV field, a JSON scalar) into a typed value of a column, and measures
 * values. A text that does not fit the column is an {@link IllegalArgumentException}
 * whose message is the reason the record is rejected.
 *
 * @author Corelake
 */
public final class Values {

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private Values() {
	}

	/**
	 * Parses text as a value of a column.
	 * @param column the column
	 * @param text the text, {@code null} when absent
	 * @return the value, {@code null} for a missing one
	 * @throws IllegalArgumentException when the text does not fit the column
	 */
	public static Object parse(Column column, String text) {
		if (text == null || (text.isEmpty() && column.type() != ColumnType.STRING)) {
			if (!column.nullable()) {
				throw new IllegalArgumentException("column '" + column.name() + "' must not be empty");
			}
			return null;
		}
		try {
			return switch (column.type()) {
				case STRING -> text;
				case BOOLEAN -> parseBoolean(text);
				case SMALLINT -> {
					int value = Integer.parseInt(text.trim());
					if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
						throw new NumberFormatException("out of range");
					}
					yield value;
				}
				case INT -> Integer.parseInt(text.trim());
				case BIGINT -> Long.parseLong(text.trim());
				case FLOAT -> Float.parseFloat(text.trim());
				case DOUBLE -> Double.parseDouble(text.trim());
				case DECIMAL -> decimal(column, new BigDecimal(text.trim()));
				case BINARY -> Base64.getDecoder().decode(text.trim());
				case DATE -> (int) LocalDate.parse(text.trim()).toEpochDay();
				case TIMESTAMP -> micros(parseInstant(text.trim()));
				case TIMESTAMP_NTZ -> micros(LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC));
			};
		}
		catch (NumberFormatException | DateTimeParseException | ArithmeticException ex) {
			throw new IllegalArgumentException(
					"column '" + column.name() + "': '" + abbreviate(text) + "' is not a valid " + column.sqlType(),
					ex);
		}
	}

	/**
	 * A decimal at the column's scale, refused when it needs more digits than the
	 * column's precision.
	 * @param column the decimal column
	 * @param value the value
	 * @return the value at the column's scale
	 * @throws IllegalArgumentException when it does not fit
	 */
	public static BigDecimal decimal(Column column, BigDecimal value) {
		BigDecimal scaled = value.setScale(column.scale(), RoundingMode.UNNECESSARY);
		if (scaled.precision() > column.precision()) {
			throw new ArithmeticException("too many digits");
		}
		return scaled;
	}

	/**
	 * The unscaled value of a decimal of at most 18 digits, without the
	 * {@link java.math.BigInteger} that {@link BigDecimal#unscaledValue()} builds.
	 * @param decimal the decimal, at most 18 digits
	 * @return its unscaled value
	 * @throws ArithmeticException when it has more digits
	 */
	public static long unscaledLong(BigDecimal decimal) {
		return decimal.scaleByPowerOfTen(decimal.scale()).longValueExact();
	}

	/**
	 * Microseconds since the epoch.
	 * @param instant the instant
	 * @return the microseconds
	 */
	public static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
	}

	/**
	 * Microseconds since the epoch of a date and time taken as UTC, without an
	 * intermediate {@link Instant}.
	 * @param time the date and time
	 * @return the microseconds
	 */
	public static long micros(LocalDateTime time) {
		return Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), MICROS_PER_SECOND),
				time.getNano() / 1000);
	}

	/**
	 * The instant of a number of microseconds since the epoch.
	 * @param micros the microseconds
	 * @return the instant
	 */
	public static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
	}

	/**
	 * About how many bytes a value takes (its encoded size before compression), for
	 * progress and byte throttling of sources that do not report bytes themselves.
	 * @param value the value
	 * @return the size
	 */
	public static int size(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof String string) {
			// UTF-8 size of ASCII text without encoding it
			return string.length();
		}
		if (value instanceof byte[] bytes) {
			return bytes.length;
		}
		if (value instanceof Integer || value instanceof Float) {
			return 4;
		}
		if (value instanceof Boolean) {
			return 1;
		}
		if (value instanceof BigDecimal decimal) {
			if (decimal.precision() <= 18) {
				// the unscaled value's bit length without building a BigInteger
				long unscaled = unscaledLong(decimal);
				return (64 - Long.numberOfLeadingZeros((unscaled < 0) ? ~unscaled : unscaled)) / 8 + 1;
			}
			return decimal.unscaledValue().bitLength() / 8 + 1;
		}
		return 8;
	}

	/**
	 * Compares two values of a column by the column's type: numbers by value (decimals
	 * regardless of their scale), dates and timestamps in time, strings by Unicode code
	 * point, binaries byte by byte (unsigned).
	 * @param type the column type
	 * @param a a value as rows hold it, not {@code null}
	 * @param b another, not {@code null}
	 * @return negative, zero or positive as {@code a} is below, equal to or above
	 * {@code b}
	 */
	public static int compare(ColumnType type, Object a, Object b) {
		return switch (type) {
			case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
			case SMALLINT, INT, DATE -> Integer.compare((Integer) a, (Integer) b);
			case BIGINT, TIMESTAMP, TIMESTAMP_NTZ -> Long.compare((Long) a, (Long) b);
			case FLOAT -> Float.compare((Float) a, (Float) b);
			case DOUBLE -> Double.compare((Double) a, (Double) b);
			case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
			case STRING -> compareCodePoints((String) a, (String) b);
			case BINARY -> java.util.Arrays.compareUnsigned((byte[]) a, (byte[]) b);
		};
	}

	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	/**
	 * The size {@link #size(Object)} gives every value of a column, when it does not
	 * depend on the value (numbers other than decimals, dates, timestamps).
	 * @param column the column
	 * @return the size, or 0 when it depends on the value
	 */
	public static int fixedSize(Column column) {
		return switch (column.type()) {
			case BOOLEAN -> 1;
			case SMALLINT, INT, FLOAT, DATE -> 4;
			case BIGINT, DOUBLE, TIMESTAMP, TIMESTAMP_NTZ -> 8;
			case DECIMAL, STRING, BINARY -> 0;
		};
	}

	/**
	 * A value as text for a rejects file or a log line, at most 200 characters.
	 * @param text the text
	 * @return the text, shortened
	 */
	public static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…";
	}

	/**
	 * UTF-8 bytes of text.
	 * @param text the text
	 * @return the bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Boolean parseBoolean(String text) {
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
			case "false", "f", "no", "n", "0" -> Boolean.FALSE;
			default -> throw new NumberFormatException("not a boolean");
		};
	}

	private static Instant parseInstant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// a date-time without an offset is taken as UTC
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
	}

}
