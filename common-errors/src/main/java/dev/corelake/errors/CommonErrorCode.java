package dev.corelake.errors;

import org.springframework.http.HttpStatus;

/**
 * Codes every service may answer with: malformed input, framework-level failures and
 * failures of calls to other services.
 *
 * @author Corelake
 */
public enum CommonErrorCode implements ErrorCode {

	/** The body could not be parsed. */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request",
			"The request body is not well-formed JSON or a value has the wrong type. Fix the body and retry."),

	/** Bean validation failed. */
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed",
			"One or more fields are invalid; `errors[]` names each field and what is wrong with it."),

	/** A path variable, query parameter or header is missing or malformed. */
	INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter",
			"A path variable, query parameter or header is missing or has the wrong type or format."),

	/** No credentials were presented. */
	AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "Authentication required",
			"The request carries no bearer token. Obtain one from `POST /api/v1/auth/token` and send it as "
					+ "`Authorization: Bearer <token>`."),

	/** The token is malformed, forged, revoked or not meant for Corelake. */
	TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "Invalid token",
			"The bearer token is malformed, its signature or algorithm is not accepted, it was revoked, or its "
					+ "issuer or audience is not Corelake's. Log in again."),

	/** The token has expired. */
	TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "Token expired",
			"The bearer token has expired (or is not valid yet). Refresh it with the refresh token or log in again."),

	/** The caller is authenticated but may not do this. */
	ACCESS_DENIED(HttpStatus.FORBIDDEN, "Access denied", "The caller's roles or scopes do not allow this operation."),

	/** No such resource or endpoint. */
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found", "No endpoint or resource answers to this path."),

	/** The method is not supported on this resource. */
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
			"The resource exists but does not support this HTTP method; the `Allow` header lists those it does."),

	/** No representation matches the Accept header. */
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
			"The resource cannot be represented in any media type the `Accept` header allows."),

	/** The state of the resource does not allow the operation. */
	CONFLICT(HttpStatus.CONFLICT, "Conflict", "The request conflicts with the current state of the resource."),

	/** If-Match named a version that is no longer current. */
	PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "Precondition failed",
			"The `If-Match` header names a version that is no longer current: someone else changed the resource. "
					+ "Read it again, reapply the change and send the new ETag."),

	/** The body is larger than the configured limit. */
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
			"The request body exceeds the size this endpoint accepts."),

	/** The content type is not supported. */
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
			"The `Content-Type` is not one this endpoint reads (usually `application/json`)."),

	/** An update was sent without If-Match. */
	PRECONDITION_REQUIRED(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
			"Updates must carry `If-Match` with the ETag of the version being changed, so that concurrent "
					+ "changes are never silently lost."),

	/** Too many requests. */
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
			"The caller exceeded its rate limit; `Retry-After` says when to try again.", true),

	/** A bug: the server failed in a way it did not expect. */
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
			"An unexpected failure. The `traceId` identifies it in the service's logs."),

	/** Another service answered something that is not a valid answer. */
	UPSTREAM_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "Bad upstream response",
			"A service this one depends on answered with a malformed, truncated or non-contract response, "
					+ "or dropped the connection.",
			true),

	/** Another service could not be reached. */
	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Upstream unavailable",
			"A service this one depends on refused the connection or could not be reached.", true),

	/** The circuit breaker in front of another service is open. */
	UPSTREAM_CIRCUIT_OPEN(HttpStatus.SERVICE_UNAVAILABLE, "Upstream circuit open",
			"A service this one depends on failed repeatedly, so calls to it are paused; `Retry-After` says "
					+ "when the next trial call is allowed.",
			true),

	/** Too many concurrent calls to another service. */
	UPSTREAM_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Upstream busy",
			"Too many calls to a service this one depends on are in flight (bulkhead full).", true),

	/** Another service did not answer in time. */
	UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout",
			"A service this one depends on did not answer within the configured timeout.", true);

	private final HttpStatus status;

	private final String title;

	private final String meaning;

	private final boolean retryable;

	CommonErrorCode(HttpStatus status, String title, String meaning) {
		this(status, title, meaning, false);
	}

	CommonErrorCode(HttpStatus status, String title, String meaning, boolean retryable) {
		this.status = status;
		this.title = title;
		this.meaning = meaning;
		this.retryable = retryable;
	}

	@Override
	public String code() {
		return name();
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

	@Override
	public String meaning() {
		return this.meaning;
	}

	@Override
	public boolean retryable() {
		return this.retryable;
	}

	/** Registers the common codes in the catalog. */
	public static final class Provider implements ErrorCodeProvider {

		@Override
		public String owner() {
			return "common-errors";
		}

		@Override
		public java.util.Collection<CommonErrorCode> errorCodes() {
			return java.util.List.of(values());
		}

	}

}
