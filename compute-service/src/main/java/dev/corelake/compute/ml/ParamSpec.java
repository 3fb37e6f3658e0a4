package dev.corelake.compute.ml;

import java.util.List;
import java.util.Locale;

/**
 * What one allowed MLlib parameter accepts: its JSON type and its range or values.
 *
 * @param type the JSON type
 * @param min the smallest number allowed (numbers)
 * @param max the largest number allowed (numbers)
 * @param values the allowed strings (strings)
 * @author Corelake
 */
public record ParamSpec(Type type, double min, double max, List<String> values) {

	/** JSON types of parameters. */
	public enum Type {

		/** A whole number. */
		INTEGER,

		/** Any number. */
		NUMBER,

		/** {@code true} or {@code false}. */
		BOOLEAN,

		/** One of a few strings. */
		STRING;

		String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static ParamSpec integer(int min, int max) {
		return new ParamSpec(Type.INTEGER, min, max, List.of());
	}

	static ParamSpec number(double min, double max) {
		return new ParamSpec(Type.NUMBER, min, max, List.of());
	}

	static ParamSpec bool() {
		return new ParamSpec(Type.BOOLEAN, 0, 0, List.of());
	}

	static ParamSpec oneOf(String... values) {
		return new ParamSpec(Type.STRING, 0, 0, List.of(values));
	}

	/**
	 * Checks a value and converts it to what the MLlib parameter takes.
	 * @param value the value from the request
	 * @return the value as an {@link Integer}, {@link Double}, {@link Boolean} or
	 * {@link String}
	 * @throws IllegalArgumentException with a message for the caller when it does not fit
	 */
	public Object convert(Object value) {
		switch (this.type) {
			case INTEGER -> {
				if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
					throw new IllegalArgumentException("must be a whole number");
				}
				long number = ((Number) value).longValue();
				if (number < this.min || number > this.max) {
					throw new IllegalArgumentException(
							"must be between " + (long) this.min + " and " + (long) this.max);
				}
				return (int) number;
			}
			case NUMBER -> {
				if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
					throw new IllegalArgumentException("must be a number");
				}
				double real = number.doubleValue();
				if (real < this.min || real > this.max) {
					throw new IllegalArgumentException("must be between " + this.min + " and " + this.max);
				}
				return real;
			}
			case BOOLEAN -> {
				if (!(value instanceof Boolean)) {
					throw new IllegalArgumentException("must be true or false");
				}
				return value;
			}
			default -> {
				if (!(value instanceof String text) || !this.values.contains(text)) {
					throw new IllegalArgumentException("must be one of " + this.values);
				}
				return value;
			}
		}
	}

	/**
	 * Describes what is accepted, for the documentation and error messages.
	 * @return e.g. {@code integer 1..1000}
	 */
	public String describe() {
		return switch (this.type) {
			case INTEGER -> "integer " + (long) this.min + ".." + (long) this.max;
			case NUMBER -> "number " + this.min + ".." + this.max;
			case BOOLEAN -> "boolean";
			case STRING -> String.join(" | ", this.values);
		};
	}

}
