package dev.corelake.errors;

import org.springframework.http.HttpStatus;

/**
 * An {@link ErrorCode} declared as an enum constant with its {@link ErrorDefinition}: the
 * code is the constant's name.
 *
 * <pre class="code">
 * public enum CatalogErrorCode implements EnumErrorCode {
 *     DATASET_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Dataset not found", "…"));
 *     private final ErrorDefinition definition;
 *     CatalogErrorCode(ErrorDefinition definition) { this.definition = definition; }
 *     public ErrorDefinition definition() { return this.definition; }
 * }
 * </pre>
 *
 * @author Corelake
 */
public interface EnumErrorCode extends ErrorCode {

	/**
	 * The enum constant's name (implemented by every enum).
	 * @return the name
	 */
	String name();

	/**
	 * What the code stands for.
	 * @return the definition
	 */
	ErrorDefinition definition();

	@Override
	default String code() {
		return name();
	}

	@Override
	default HttpStatus status() {
		return definition().status();
	}

	@Override
	default String title() {
		return definition().title();
	}

	@Override
	default String meaning() {
		return definition().meaning();
	}

	@Override
	default boolean retryable() {
		return definition().retryable();
	}

}
