package dev.corelake.auth.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of auth-service. The {@code OAUTH_*} codes are the RFC 6749 token endpoint
 * errors; their problems also carry the RFC's {@code error} and {@code error_description}
 * members.
 *
 * @author Corelake
 */
public enum AuthErrorCode implements EnumErrorCode {

	/** RFC 6749 {@code invalid_request}. */
	OAUTH_INVALID_REQUEST(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Invalid token request",
			"The token or revocation request is missing a parameter, repeats one, has an unsupported value or is "
					+ "not `application/x-www-form-urlencoded` (OAuth2 `invalid_request`).")),

	/** RFC 6749 {@code invalid_client}. */
	OAUTH_INVALID_CLIENT(ErrorDefinition.of(HttpStatus.UNAUTHORIZED, "Client authentication failed",
			"The client is unknown, disabled, or its secret is wrong (OAuth2 `invalid_client`). When HTTP Basic "
					+ "was used the answer carries `WWW-Authenticate: Basic`.")),

	/** RFC 6749 {@code invalid_grant}. */
	OAUTH_INVALID_GRANT(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Invalid grant",
			"The username or password is wrong, or the refresh token is unknown, expired, revoked or already "
					+ "used (OAuth2 `invalid_grant`). Reusing a refresh token revokes its whole family.")),

	/** RFC 6749 {@code unauthorized_client}. */
	OAUTH_UNAUTHORIZED_CLIENT(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Grant type not allowed for client",
			"API clients may only use the `client_credentials` grant (OAuth2 `unauthorized_client`).")),

	/** RFC 6749 {@code unsupported_grant_type}. */
	OAUTH_UNSUPPORTED_GRANT_TYPE(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Unsupported grant type",
			"The `grant_type` is not one of `password`, `refresh_token` or `client_credentials` (OAuth2 "
					+ "`unsupported_grant_type`).")),

	/** RFC 6749 {@code invalid_scope}. */
	OAUTH_INVALID_SCOPE(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Invalid scope",
			"The requested scope is malformed or exceeds what the client was granted; users' tokens carry roles, "
					+ "not scopes (OAuth2 `invalid_scope`).")),

	/** Too many failed logins. */
	LOGIN_RATE_LIMITED(ErrorDefinition.retryable(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
			"Too many failed password attempts for this username or from this address; `Retry-After` says when "
					+ "to try again.")),

	/** No such user. */
	USER_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "User not found", "No user with this username exists.")),

	/** The username is taken. */
	USER_ALREADY_EXISTS(ErrorDefinition.of(HttpStatus.CONFLICT, "User already exists",
			"A user or API client already has this name; usernames and client ids share one namespace.")),

	/** No such API client. */
	CLIENT_NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "API client not found",
			"No API client with this client id exists.")),

	/** The client id is taken. */
	CLIENT_ALREADY_EXISTS(ErrorDefinition.of(HttpStatus.CONFLICT, "API client already exists",
			"A user or API client already has this name; usernames and client ids share one namespace.")),

	/** The new password does not follow the policy. */
	PASSWORD_POLICY_VIOLATION(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Password does not meet the policy",
			"Passwords have 12 to 128 characters (at most 72 bytes in UTF-8), are not a common password and are "
					+ "not the username; `errors[]` says which rule failed.")),

	/** The current password given for a password change is wrong. */
	CURRENT_PASSWORD_INCORRECT(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Current password incorrect",
			"Changing your password needs your current password, and the one given is wrong.")),

	/** The change would leave no enabled administrator. */
	LAST_ADMIN(ErrorDefinition.of(HttpStatus.CONFLICT, "Last administrator",
			"The change would leave the platform without an enabled ADMIN user."));

	private final ErrorDefinition definition;

	AuthErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers auth-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<AuthErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("auth-service", AuthErrorCode.class);
		}

	}

}
