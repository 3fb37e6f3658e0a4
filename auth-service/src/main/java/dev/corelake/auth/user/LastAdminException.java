package dev.corelake.auth.user;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * A change would leave no enabled administrator.
 *
 * @author Corelake
 */
class LastAdminException extends CorelakeException {

	private LastAdminException(String username) {
		super(AuthErrorCode.LAST_ADMIN, "User '" + username
				+ "' is the last enabled ADMIN; make another user ADMIN before disabling or demoting this one.");
	}

	static LastAdminException named(String username) {
		return new LastAdminException(username);
	}

}
