package dev.corelake.auth.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The parameters of a token or revocation request, read as RFC 6749 requires: from an
 * {@code application/x-www-form-urlencoded} body only (never the query string, where
 * secrets would end up in logs), each at most once, and with the client's credentials
 * from HTTP Basic or from the form, never both.
 *
 * @author Corelake
 */
final class TokenRequest {

	/** Longest parameter value read; access tokens are far shorter. */
	static final int MAX_VALUE_LENGTH = 8192;

	private final Map<String, String[]> parameters;

	private final ClientCredentials credentials;

	private TokenRequest(Map<String, String[]> parameters, ClientCredentials credentials) {
		this.parameters = parameters;
		this.credentials = credentials;
	}

	/**
	 * Reads a request.
	 * @param request the servlet request
	 * @return the parameters
	 * @throws OAuthException {@code invalid_request} or {@code invalid_client} when the
	 * request breaks the rules
	 */
	static TokenRequest read(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null
				|| !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(parseMediaType(contentType))) {
			throw OAuthException.invalidRequest("The request body must be application/x-www-form-urlencoded.");
		}
		if (request.getQueryString() != null) {
			throw OAuthException.invalidRequest("Parameters belong in the request body, not the query string.");
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (RuntimeException ex) {
			throw OAuthException.invalidRequest("The form body cannot be parsed.");
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (parameter.getValue().length > 1) {
				throw OAuthException.invalidRequest("Parameter " + ascii(parameter.getKey()) + " is repeated.");
			}
			if (parameter.getValue()[0].length() > MAX_VALUE_LENGTH) {
				throw OAuthException.invalidRequest("Parameter " + ascii(parameter.getKey()) + " is too long.");
			}
		}
		ClientCredentials basic = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
		String formId = single(parameters, "client_id");
		String formSecret = single(parameters, "client_secret");
		if (basic != null && (formId != null || formSecret != null)) {
			throw OAuthException.invalidRequest("Use one client authentication method: HTTP Basic or the form.");
		}
		ClientCredentials credentials = basic;
		if (credentials == null && (formId != null || formSecret != null)) {
			credentials = new ClientCredentials(formId, formSecret, false);
		}
		return new TokenRequest(parameters, credentials);
	}

	/**
	 * A parameter that must be present and not empty.
	 * @param name the parameter
	 * @return its value
	 */
	String require(String name) {
		String value = optional(name);
		if (value == null) {
			throw OAuthException.invalidRequest("Parameter " + name + " is required.");
		}
		return value;
	}

	/**
	 * A parameter that may be absent; empty counts as absent.
	 * @param name the parameter
	 * @return its value, or {@code null}
	 */
	String optional(String name) {
		String value = single(this.parameters, name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The client's credentials, when it sent any.
	 * @return the credentials, or {@code null}
	 */
	ClientCredentials credentials() {
		return this.credentials;
	}

	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	private static MediaType parseMediaType(String contentType) {
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (RuntimeException ex) {
			throw OAuthException.invalidRequest("The Content-Type header is malformed.");
		}
	}

	private static ClientCredentials basic(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw OAuthException.invalidClient("The HTTP Basic credentials are malformed.", true);
			}
			// RFC 6749 2.3.1: both parts are form-urlencoded before they are joined
			return new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), true);
		}
		catch (IllegalArgumentException ex) {
			throw OAuthException.invalidClient("The HTTP Basic credentials are malformed.", true);
		}
	}

	/**
	 * A parameter name fit for an RFC 6749 error description (printable ASCII, short).
	 */
	private static String ascii(String name) {
		String safe = name.replaceAll("[^A-Za-z0-9_.-]", "?");
		return (safe.length() > 40) ? safe.substring(0, 40) + "..." : safe;
	}

	/**
	 * A client's id and secret.
	 *
	 * @param clientId the client id, may be {@code null}
	 * @param secret the secret, may be {@code null}
	 * @param basic whether they came in HTTP Basic
	 */
	record ClientCredentials(String clientId, String secret, boolean basic) {

		@Override
		public String toString() {
			return "ClientCredentials[" + this.clientId + "]";
		}

	}

}
