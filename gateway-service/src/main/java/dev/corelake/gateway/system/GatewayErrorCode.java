package dev.corelake.gateway.system;

import dev.corelake.errors.EnumErrorCode;
import dev.corelake.errors.EnumErrorCodeProvider;
import dev.corelake.errors.ErrorDefinition;

import org.springframework.http.HttpStatus;

/**
 * Error codes of gateway-service (the edge). Failures of upstream services use the common
 * {@code UPSTREAM_*} codes; too-large bodies and rate limits the common
 * {@code PAYLOAD_TOO_LARGE} and {@code RATE_LIMITED}.
 *
 * @author Corelake
 */
public enum GatewayErrorCode implements EnumErrorCode {

	/** The path is ambiguous or may escape its route. */
	PATH_REJECTED(ErrorDefinition.of(HttpStatus.BAD_REQUEST, "Path rejected",
			"The request path is not in canonical form: it holds `.` or `..` segments, empty segments, encoded "
					+ "slashes, backslashes or dots, double encoding, control characters or matrix parameters "
					+ "(`;`). The gateway routes and authorizes only canonical paths; send the path plainly.")),

	/** The request headers are too large. */
	HEADERS_TOO_LARGE(ErrorDefinition.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large",
			"The request's headers together exceed the size the gateway accepts. Send fewer or smaller headers "
					+ "(a bearer token is at most 8 KB).")),

	/** A CORS request from an origin that is not allowed. */
	CORS_REJECTED(ErrorDefinition.of(HttpStatus.FORBIDDEN, "CORS request rejected",
			"The request comes from a browser origin, method or header the gateway's CORS settings do not allow "
					+ "(`corelake.gateway.cors.*`)."));

	private final ErrorDefinition definition;

	GatewayErrorCode(ErrorDefinition definition) {
		this.definition = definition;
	}

	@Override
	public ErrorDefinition definition() {
		return this.definition;
	}

	/** Registers gateway-service's codes in the catalog. */
	public static final class Provider extends EnumErrorCodeProvider<GatewayErrorCode> {

		/** Creates the provider. */
		public Provider() {
			super("gateway-service", GatewayErrorCode.class);
		}

	}

}
