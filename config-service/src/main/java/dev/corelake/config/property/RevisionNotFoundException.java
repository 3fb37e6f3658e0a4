package dev.corelake.config.property;

import dev.corelake.config.system.ConfigErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * A namespace and profile has no revision with the requested number.
 *
 * @author Corelake
 */
class RevisionNotFoundException extends CorelakeException {

	private RevisionNotFoundException(ScopeKey key, long revision) {
		super(ConfigErrorCode.CONFIG_REVISION_NOT_FOUND, "Namespace '" + key.namespace() + "', profile '"
				+ key.profile() + "' has no revision " + revision + ".");
	}

	static RevisionNotFoundException of(ScopeKey key, long revision) {
		return new RevisionNotFoundException(key, revision);
	}

}
