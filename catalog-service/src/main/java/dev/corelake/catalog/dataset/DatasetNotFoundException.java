package dev.corelake.catalog.dataset;

import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * No dataset has the requested name.
 *
 * @author Corelake
 */
public class DatasetNotFoundException extends CorelakeException {

	private DatasetNotFoundException(String name) {
		super(CatalogErrorCode.DATASET_NOT_FOUND, "Dataset '" + name + "' does not exist.");
	}

	/**
	 * The exception for a name.
	 * @param name the missing dataset's name
	 * @return the exception
	 */
	public static DatasetNotFoundException named(String name) {
		return new DatasetNotFoundException(name);
	}

}
