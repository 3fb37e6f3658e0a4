package dev.corelake.platform.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header only (never from query
 * parameters, where it would end up in logs) and refuses one larger than the limit before
 * any parsing.
 * <p>
 * The header is checked by hand against the same rule as Spring Security's
 * {@link DefaultBearerTokenResolver} ({@code Bearer} in any case, one space, RFC 6750's
 * {@code b64token}): the same tokens are accepted and the same ones refused as malformed,
 * without a regular expression on every request. A request that may also carry an
 * {@code access_token} parameter (one in its query, or a form body) goes to Spring's
 * resolver, so that such requests are treated exactly as Spring treats them.
 *
 * @author Corelake
 */
public class BoundedBearerTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	private final long maxBytes;

	/**
	 * Creates the resolver.
	 * @param maxBytes the largest token accepted
	 */
	public BoundedBearerTokenResolver(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.length() > this.maxBytes + SCHEME.length()) {
			throw new InvalidBearerTokenException("Bearer token too large");
		}
		if (mayCarryParameterToken(request)) {
			return this.delegate.resolve(request);
		}
		if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
			return null;
		}
		if (!isBearerCredentials(header)) {
			// as Spring Security's resolver says it
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return header.substring(SCHEME.length());
	}

	private static boolean mayCarryParameterToken(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query != null && query.contains("access_token")) {
			return true;
		}
		String contentType = request.getContentType();
		return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
				MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
	}

	/**
	 * Whether a header is {@code Bearer <b64token>}: the scheme in any case, one space,
	 * then one or more of {@code A-Z a-z 0-9 - . _ ~ + /} followed by any number of
	 * {@code =}.
	 * @param header the {@code Authorization} header
	 * @return whether it is well-formed
	 */
	static boolean isBearerCredentials(String header) {
		int length = header.length();
		if (length <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return false;
		}
		int i = SCHEME.length();
		while (i < length && isTokenChar(header.charAt(i))) {
			i++;
		}
		if (i == SCHEME.length()) {
			return false;
		}
		while (i < length && header.charAt(i) == '=') {
			i++;
		}
		return i == length;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
