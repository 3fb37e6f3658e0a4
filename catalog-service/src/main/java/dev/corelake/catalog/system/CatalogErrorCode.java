package dev.corelake.catalog.system;

import java.util.Collection;
import java.util.List;

import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.ErrorCodeProvider;

import org.springframework.http.HttpStatus;

/**
 * Error codes of catalog-service.
 *
 * @author Corelake
 */
public enum CatalogErrorCode implements ErrorCode {

	/** No dataset with that name. */
	DATASET_NOT_FOUND(HttpStatus.NOT_FOUND, "Dataset not found", "No dataset with this name exists in the catalog."),

	/** The name is taken. */
	DATASET_ALREADY_EXISTS(HttpStatus.CONFLICT, "Dataset already exists",
			"A dataset with this name already exists; names are unique across the catalog."),

	/** No such version of the dataset. */
	DATASET_VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Dataset version not found",
			"The dataset exists but has no version with this number.");

	private final HttpStatus status;

	private final String title;

	private final String meaning;

	CatalogErrorCode(HttpStatus status, String title, String meaning) {
		this.status = status;
		this.title = title;
		this.meaning = meaning;
	}

	@Override
	public String code() {
		return name();
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

	@Override
	public String meaning() {
		return this.meaning;
	}

	/** Registers catalog-service's codes in the catalog. */
	public static final class Provider implements ErrorCodeProvider {

		@Override
		public String owner() {
			return "catalog-service";
		}

		@Override
		public Collection<CatalogErrorCode> errorCodes() {
			return List.of(values());
		}

	}

}
