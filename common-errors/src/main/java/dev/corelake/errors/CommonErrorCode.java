package dev.corelake.errors;

import org.springframework.http.HttpStatus;

/**
 * Codes every service may answer with: malformed input, framework-level failures and
 * failures of calls to other services.
 *
 * @author Corelake
 */
public enum CommonErrorCode implements EnumErrorCode {

	/** The body could not be parsed. */
	MALFORMED_REQUEST(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Malformed request",
			"The request body is not well-formed JSON or a value has the wrong type. Fix the body and retry.")),

	/** Bean validation failed. */
	VALIDATION_FAILED(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Validation failed",
			"One or more fields are invalid; `errors[]` names each field and what is wrong with it.")),

	/** A path variable, query parameter or header is missing or malformed. */
	INVALID_PARAMETER(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Invalid parameter",
			"A path variable, query parameter or header is missing or has the wrong type or format.")),

	/** No credentials were presented. */
	AUTHENTICATION_REQUIRED(ErrorDefinition.of(HttpStatus.UNAUTHORIZED, "Authentication required",
			"The request carries no bearer token. Obtain one from `POST /api/v1/auth/token` and send it as "
					+ "`Authorization: Bearer <token>`.")),

	/** The token is malformed, forged, revoked or not meant for Corelake. */
	TOKEN_INVALID(ErrorDefinition.of(HttpStatus.UNAUTHORIZED, "Invalid token",
			"The bearer token is malformed, its signature or algorithm is not accepted, it was revoked, or its "
					+ "issuer or audience is not Corelake's. Log in again.")),

	/** The token has expired. */
	TOKEN_EXPIRED(ErrorDefinition.of(HttpStatus.UNAUTHORIZED, "Token expired",
			"The bearer token has expired (or is not valid yet). Refresh it with the refresh token or log in again.")),

	/** The caller is authenticated but may not do this. */
	ACCESS_DENIED(ErrorDefinition.of(HttpStatus.FORBIDDEN, "Access denied",
			"The caller's roles or scopes do not allow this operation.")),

	/** No such resource or endpoint. */
	NOT_FOUND(ErrorDefinition.of(HttpStatus.NOT_FOUND, "Not found", "No endpoint or resource answers to this path.")),

	/** The method is not supported on this resource. */
	METHOD_NOT_ALLOWED(ErrorDefinition.of(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
			"The resource exists but does not support this HTTP method; the `Allow` header lists those it does.")),

	/** No representation matches the Accept header. */
	NOT_ACCEPTABLE(ErrorDefinition.of(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
			"The resource cannot be represented in any media type the `Accept` header allows.")),

	/** The state of the resource does not allow the operation. */
	CONFLICT(ErrorDefinition.of(HttpStatus.CONFLICT, "Conflict",
			"The request conflicts with the current state of the resource.")),

	/** If-Match named a version that is no longer current. */
	PRECONDITION_FAILED(ErrorDefinition.of(HttpStatus.PRECONDITION_FAILED, "Precondition failed",
			"The `If-Match` header names a version that is no longer current: someone else changed the resource. "
					+ "Read it again, reapply the change and send the new ETag.")),

	/** The body is larger than the configured limit. */
	PAYLOAD_TOO_LARGE(ErrorDefinition.of(HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
			"The request body exceeds the size this endpoint accepts.")),

	/** The content type is not supported. */
	UNSUPPORTED_MEDIA_TYPE(ErrorDefinition.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
			"The `Content-Type` is not one this endpoint reads (usually `application/json`).")),

	/** An update was sent without If-Match. */
	PRECONDITION_REQUIRED(ErrorDefinition.of(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
			"Updates must carry `If-Match` with the ETag of the version being changed, so that concurrent "
					+ "changes are never silently lost.")),

	/** Too many requests. */
	RATE_LIMITED(ErrorDefinition.retryable(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
			"The caller exceeded its rate limit; `Retry-After` says when to try again.")),

	/** A bug: the server failed in a way it did not expect. */
	INTERNAL_ERROR(ErrorDefinition.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
			"An unexpected failure. The `traceId` identifies it in the service's logs.")),

	/** Another service answered something that is not a valid answer. */
	UPSTREAM_BAD_RESPONSE(ErrorDefinition.retryable(HttpStatus.BAD_GATEWAY, "Bad upstream response",
			"A service this one depends on answered with a malformed, truncated or non-contract response, "
					+ "or dropped the connection.")),

	/** Another service could not be reached. */
	UPSTREAM_UNAVAILABLE(ErrorDefinition.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Upstream unavailable",
			"A service this one depends on refused the connection or could not be reached.")),

	/** The circuit breaker in front of another service is open. */
	UPSTREAM_CIRCUIT_OPEN(ErrorDefinition.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Upstream circuit open",
			"A service this one depends on failed repeatedly, so calls to it are paused; `Retry-After` says "
					+ "when the next trial call is allowed.")),

	/** Too many concurrent calls to another service. */
	UPSTREAM_BUSY(ErrorDefinition.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Upstream busy",
			"Too many calls to a service this one depends on are in flight (bulkhead full).")),

	/** Another service did not answer in time. */
	UPSTREAM_TIMEOUT(ErrorDefinition.retryable(HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout",
			"A service this one depends on did not answer within the configured timeout."));

	private final ErrorDefinition definition;

	CommonErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers the common codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<CommonErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("common-errors", CommonErrorCode.class);
		}

	}

}
