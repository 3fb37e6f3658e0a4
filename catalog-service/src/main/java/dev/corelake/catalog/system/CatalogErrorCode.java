package dev.corelake.catalog.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of catalog-service.
 *
 * @author Corelake
 */
public enum CatalogErrorCode implements EnumErrorCode {

	/** No dataset with that name (or none the caller may see). */
	DATASET_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Dataset not found",
			"No dataset with this name exists in the catalog, or the caller may not see it (the two are "
					+ "answered alike so that names do not leak).")),

	/** The name is taken. */
	DATASET_ALREADY_EXISTS(ErrorDefinition.of(HttpStatus.CONFLICT, "Dataset already exists",
			"A dataset with this name already exists; names are unique across the catalog.")),

	/** No such version of the dataset. */
	DATASET_VERSION_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Dataset version not found",
			"The dataset exists but has no version with this number."));

	private final ErrorDefinition definition;

	CatalogErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers catalog-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<CatalogErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("catalog-service", CatalogErrorCode.class);
		}

	}

}
