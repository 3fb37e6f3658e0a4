package dev.corelake.catalog.dataset;

import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * A dataset with the name already exists.
 *
 * @author Corelake
 */
class DatasetAlreadyExistsException extends CorelakeException {

	private DatasetAlreadyExistsException(String name) {
		super(CatalogErrorCode.DATASET_ALREADY_EXISTS, "A dataset named '" + name + "' already exists.");
	}

	static DatasetAlreadyExistsException named(String name) {
		return new DatasetAlreadyExistsException(name);
	}

}
