package dev.corelake.errors;

import java.util.Collection;

/**
 * Lists the error codes a module contributes to the catalog. Implementations are
 * registered in {@code META-INF/services/dev.corelake.errors.ErrorCodeProvider}.
 *
 * @author Corelake
 */
public interface ErrorCodeProvider {

	/**
	 * Name of the module owning the codes, shown in the catalog.
	 * @return the owner, e.g. {@code catalog-service}
	 */
	String owner();

	/**
	 * The codes this module defines.
	 * @return the codes
	 */
	Collection<? extends ErrorCode> errorCodes();

}
