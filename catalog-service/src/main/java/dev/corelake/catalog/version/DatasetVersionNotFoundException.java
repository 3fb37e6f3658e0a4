package dev.corelake.catalog.version;

import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * The dataset has no version with the requested number.
 *
 * @author Corelake
 */
class DatasetVersionNotFoundException extends CorelakeException {

	private DatasetVersionNotFoundException(String dataset, int number) {
		super(CatalogErrorCode.DATASET_VERSION_NOT_FOUND, "Dataset '" + dataset + "' has no version " + number + ".");
	}

	static DatasetVersionNotFoundException of(String dataset, int number) {
		return new DatasetVersionNotFoundException(dataset, number);
	}

}
