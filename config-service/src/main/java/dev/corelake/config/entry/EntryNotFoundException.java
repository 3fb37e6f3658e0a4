package dev.corelake.config.entry;

import dev.corelake.config.system.ConfigErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * No global-state entry has the requested key.
 *
 * @author Corelake
 */
class EntryNotFoundException extends CorelakeException {

	private EntryNotFoundException(String key) {
		super(ConfigErrorCode.CONFIG_ENTRY_NOT_FOUND, "Entry '" + key + "' does not exist.");
	}

	static EntryNotFoundException keyed(String key) {
		return new EntryNotFoundException(key);
	}

}
