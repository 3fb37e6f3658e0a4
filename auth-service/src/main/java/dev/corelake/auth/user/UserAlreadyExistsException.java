package dev.corelake.auth.user;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * A user or API client already has the username.
 *
 * @author Corelake
 */
class UserAlreadyExistsException extends CorelakeException {

	private UserAlreadyExistsException(String username) {
		super(AuthErrorCode.USER_ALREADY_EXISTS, "The name '" + username + "' is taken by a user or API client.");
	}

	static UserAlreadyExistsException named(String username) {
		return new UserAlreadyExistsException(username);
	}

}
