package dev.corelake.auth.user;

import java.util.List;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;

/**
 * A new password does not follow the policy; {@code errors[]} names each broken rule.
 *
 * @author Corelake
 */
class PasswordPolicyException extends CorelakeException {

	private PasswordPolicyException(List<FieldViolation> violations) {
		super(AuthErrorCode.PASSWORD_POLICY_VIOLATION, "The password does not meet the password policy.");
		withViolations(violations);
	}

	static PasswordPolicyException of(List<FieldViolation> violations) {
		return new PasswordPolicyException(violations);
	}

}
