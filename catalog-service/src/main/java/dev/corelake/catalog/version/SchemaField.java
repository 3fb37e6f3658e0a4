package dev.corelake.catalog.version;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One column of a dataset version's schema.
 *
 * @param name column name
 * @param type column type, in Spark SQL's type syntax ({@code string}, {@code bigint},
 * {@code decimal(10,2)}, {@code array<string>} …)
 * @param nullable whether the column may hold nulls
 * @author Corelake
 */
record SchemaField(@NotBlank @Size(max = 128) @Pattern(regexp = "[\\p{L}_][\\p{L}\\p{N}_ .-]{0,127}") String name,
		@NotBlank @Size(max = 256) @Pattern(regexp = "[a-z][a-z0-9_<>(), :]*") String type, @NotNull Boolean nullable) {

}
