package dev.corelake.auth.token;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * An RFC 6749 token endpoint error, answered as a platform problem that also carries the
 * RFC's {@code error} and {@code error_description} members (so OAuth2 client libraries
 * understand it) with the RFC's status. Descriptions stay within the RFC's character set:
 * printable ASCII without quotes or backslashes.
 *
 * @author Corelake
 */
class OAuthException extends CorelakeException {

	private final String error;

	private OAuthException(AuthErrorCode code, String error, String description) {
		super(code, description);
		this.error = error;
		with("error", error);
		with("error_description", description);
		withHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		withHeader(HttpHeaders.PRAGMA, "no-cache");
	}

	String error() {
		return this.error;
	}

	static OAuthException invalidRequest(String description) {
		return new OAuthException(AuthErrorCode.OAUTH_INVALID_REQUEST, "invalid_request", description);
	}

	/**
	 * Client authentication failed.
	 * @param description what to say
	 * @param basic whether the client used HTTP Basic, which the answer then challenges
	 * @return the exception
	 */
	static OAuthException invalidClient(String description, boolean basic) {
		OAuthException exception = new OAuthException(AuthErrorCode.OAUTH_INVALID_CLIENT, "invalid_client",
				description);
		if (basic) {
			exception.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"corelake\"");
		}
		return exception;
	}

	static OAuthException invalidGrant(String description) {
		return new OAuthException(AuthErrorCode.OAUTH_INVALID_GRANT, "invalid_grant", description);
	}

	static OAuthException unauthorizedClient(String description) {
		return new OAuthException(AuthErrorCode.OAUTH_UNAUTHORIZED_CLIENT, "unauthorized_client", description);
	}

	static OAuthException unsupportedGrantType(String description) {
		return new OAuthException(AuthErrorCode.OAUTH_UNSUPPORTED_GRANT_TYPE, "unsupported_grant_type", description);
	}

	static OAuthException invalidScope(String description) {
		return new OAuthException(AuthErrorCode.OAUTH_INVALID_SCOPE, "invalid_scope", description);
	}

}
