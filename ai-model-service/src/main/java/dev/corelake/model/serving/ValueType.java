package dev.corelake.model.serving;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The feature types a model can serve and how a JSON value becomes a Spark value of each:
 * integers from JSON integers (in range), floating point and decimals from any JSON
 * number, booleans from JSON booleans, strings from JSON strings. Anything else is
 * refused with the reason.
 *
 * @author Corelake
 */
enum ValueType {

	/** {@code tinyint}. */
	BYTE(DataTypes.ByteType, "an integer from -128 to 127"),

	/** {@code smallint}. */
	SHORT(DataTypes.ShortType, "an integer from -32768 to 32767"),

	/** {@code int}. */
	INT(DataTypes.IntegerType, "a 32-bit integer"),

	/** {@code bigint}. */
	LONG(DataTypes.LongType, "a 64-bit integer"),

	/** {@code float}. */
	FLOAT(DataTypes.FloatType, "a number"),

	/** {@code double}. */
	DOUBLE(DataTypes.DoubleType, "a number"),

	/** {@code decimal(p,s)}; the type carries precision and scale. */
	DECIMAL(null, "a number"),

	/** {@code boolean}. */
	BOOLEAN(DataTypes.BooleanType, "true or false"),

	/** {@code string}. */
	STRING(DataTypes.StringType, "a string");

	/** Longest string value a row may carry. */
	static final int MAX_STRING = 10_000;

	private static final java.util.regex.Pattern DECIMAL_TYPE = java.util.regex.Pattern
		.compile("decimal\\((\\d{1,2}),\\s*(\\d{1,2})\\)");

	private final DataType sparkType;

	private final String expected;

	ValueType(DataType sparkType, String expected) {
		this.sparkType = sparkType;
		this.expected = expected;
	}

	/**
	 * What a value of this type must be, for messages.
	 * @return e.g. {@code a 32-bit integer}
	 */
	String expected() {
		return this.expected;
	}

	/**
	 * Reads a type name of a feature schema.
	 * @param name Spark's short ({@code int}) or long ({@code integer}) type name
	 * @return the type, or {@code null} when it cannot be served
	 */
	static ValueType of(String name) {
		if (name == null) {
			return null;
		}
		String type = name.trim().toLowerCase(Locale.ROOT);
		if (type.equals("decimal") || DECIMAL_TYPE.matcher(type).matches()) {
			return DECIMAL;
		}
		return switch (type) {
			case "tinyint", "byte" -> BYTE;
			case "smallint", "short" -> SHORT;
			case "int", "integer" -> INT;
			case "bigint", "long" -> LONG;
			case "float", "real" -> FLOAT;
			case "double" -> DOUBLE;
			case "boolean" -> BOOLEAN;
			case "string" -> STRING;
			default -> null;
		};
	}

	/**
	 * The Spark type of a feature of this type.
	 * @param name the type name, for a decimal's precision and scale
	 * @return the Spark type
	 */
	DataType sparkType(String name) {
		if (this != DECIMAL) {
			return this.sparkType;
		}
		Matcher matcher = DECIMAL_TYPE.matcher(name.trim().toLowerCase(Locale.ROOT));
		if (matcher.matches()) {
			return DataTypes.createDecimalType(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
		}
		return DataTypes.createDecimalType(10, 0);
	}

	/**
	 * Converts a JSON value.
	 * @param value the value as Jackson read it
	 * @return the Spark value
	 * @throws IllegalArgumentException with the reason, when the value does not fit
	 */
	Object convert(Object value) {
		if (value == null) {
			throw new IllegalArgumentException("must not be null");
		}
		return switch (this) {
			case BYTE -> (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
			case SHORT -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
			case INT -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
			case LONG -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
			case FLOAT -> (float) finite(value);
			case DOUBLE -> finite(value);
			case DECIMAL -> decimal(value);
			case BOOLEAN -> {
				if (!(value instanceof Boolean bool)) {
					throw mismatch();
				}
				yield bool;
			}
			case STRING -> {
				if (!(value instanceof String string)) {
					throw mismatch();
				}
				if (string.length() > MAX_STRING) {
					throw new IllegalArgumentException("must be at most " + MAX_STRING + " characters");
				}
				yield string;
			}
		};
	}

	private long integral(Object value, long min, long max) {
		BigInteger integer;
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			integer = BigInteger.valueOf(((Number) value).longValue());
		}
		else if (value instanceof BigInteger big) {
			integer = big;
		}
		else if (value instanceof Number number && !(value instanceof Float) && !(value instanceof Double)
				&& !(value instanceof BigDecimal)) {
			integer = BigInteger.valueOf(number.longValue());
		}
		else {
			throw mismatch();
		}
		if (integer.compareTo(BigInteger.valueOf(min)) < 0 || integer.compareTo(BigInteger.valueOf(max)) > 0) {
			throw mismatch();
		}
		return integer.longValue();
	}

	private double finite(Object value) {
		if (!(value instanceof Number number)) {
			throw mismatch();
		}
		double result = number.doubleValue();
		if (Double.isNaN(result) || Double.isInfinite(result)
				|| (this == FLOAT && Math.abs(result) > Float.MAX_VALUE)) {
			throw new IllegalArgumentException("must be " + this.expected + " within range");
		}
		return result;
	}

	private BigDecimal decimal(Object value) {
		if (value instanceof BigDecimal big) {
			return big;
		}
		if (value instanceof BigInteger big) {
			return new BigDecimal(big);
		}
		if (value instanceof Number number) {
			double result = finite(number);
			return BigDecimal.valueOf(result);
		}
		throw mismatch();
	}

	private IllegalArgumentException mismatch() {
		return new IllegalArgumentException("must be " + this.expected);
	}

}
