package dev.corelake.auth.user;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

import org.springframework.http.HttpHeaders;

/**
 * Too many failed password attempts for a username or from an address. The answer is the
 * same whether or not the username exists.
 *
 * @author Corelake
 */
public class LoginRateLimitedException extends CorelakeException {

	private LoginRateLimitedException(long seconds) {
		super(AuthErrorCode.LOGIN_RATE_LIMITED, "Too many failed logins; try again in " + seconds + " second(s).");
		withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	/**
	 * The exception for a wait.
	 * @param seconds when the next attempt is allowed, at least 1
	 * @return the exception
	 */
	static LoginRateLimitedException retryAfter(long seconds) {
		return new LoginRateLimitedException(Math.max(1, seconds));
	}

}
