package dev.corelake.auth.user;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * No user has the requested username.
 *
 * @author Corelake
 */
class UserNotFoundException extends CorelakeException {

	private UserNotFoundException(String username) {
		super(AuthErrorCode.USER_NOT_FOUND, "User '" + username + "' does not exist.");
	}

	static UserNotFoundException named(String username) {
		return new UserNotFoundException(username);
	}

}
