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
			"The dataset exists but has no version with this number.")),

	/**
	 * A lineage input names a version that does not exist or that the caller may not
	 * read.
	 */
	INPUT_VERSION_NOT_FOUND(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Input version not found",
			"An entry of the version's inputs names a dataset version that does not exist or that the caller may "
					+ "not read (the two are answered alike so that names do not leak).")),

	/** The producer or the location is already registered with a different partner. */
	VERSION_REGISTRATION_CONFLICT(ErrorDefinition.of(HttpStatus.CONFLICT, "Version registration conflict",
			"A version of this dataset already has this producedBy with another location, or this location with "
					+ "another producedBy. Registering the same producedBy and location again is idempotent (200 "
					+ "with the existing version); a mismatch means two runs claim one version.")),

	/** The lake's file system could not be reached or failed. */
	LAKE_UNAVAILABLE(ErrorDefinition.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Lake unavailable",
			"The lake's file system (HDFS or the local directory) could not be reached or failed; nothing was "
					+ "half-done that a retry would not finish."));

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
