package dev.corelake.sync.source;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A declared column of a file source.
 *
 * @param name column name (a CSV header or JSON member name)
 * @param type Spark SQL type: {@code boolean}, {@code smallint}, {@code int},
 * {@code bigint}, {@code float}, {@code double}, {@code decimal(p,s)}, {@code string},
 * {@code binary} (Base64), {@code date}, {@code timestamp}, {@code timestamp_ntz}
 * @param nullable whether values may be missing (default {@code true})
 * @author Corelake
 */
public record ColumnSpec(
		@NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[^\\x00-\\x1f\\x7f]+",
				message = "must not contain control characters") String name,
		@NotNull @Size(min = 1, max = 32) String type, Boolean nullable) {

	/**
	 * Whether values may be missing.
	 * @return {@code true} unless declared otherwise
	 */
	public boolean allowsNull() {
		return this.nullable == null || this.nullable;
	}

}
