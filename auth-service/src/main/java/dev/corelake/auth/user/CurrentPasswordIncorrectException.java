package dev.corelake.auth.user;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * The current password given for a password change is wrong.
 *
 * @author Corelake
 */
class CurrentPasswordIncorrectException extends CorelakeException {

	private CurrentPasswordIncorrectException() {
		super(AuthErrorCode.CURRENT_PASSWORD_INCORRECT, "The current password is incorrect.");
	}

	static CurrentPasswordIncorrectException create() {
		return new CurrentPasswordIncorrectException();
	}

}
