package dev.corelake.auth.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads bearer tokens from the {@code Authorization} header only, except on the public
 * endpoints, where a token (perhaps a stale one) is ignored rather than refused; refuses
 * tokens longer than 8 KB before parsing them.
 *
 * @author Corelake
 */
class ProtectedBearerTokenResolver implements BearerTokenResolver {

	static final int MAX_TOKEN_LENGTH = 8 * 1024;

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	private final RequestMatcher publicEndpoints;

	ProtectedBearerTokenResolver(RequestMatcher publicEndpoints) {
		this.publicEndpoints = publicEndpoints;
	}

	@Override
	public String resolve(HttpServletRequest request) {
		if (this.publicEndpoints.matches(request)) {
			return null;
		}
		String token = this.delegate.resolve(request);
		if (token != null && token.length() > MAX_TOKEN_LENGTH) {
			throw new InvalidBearerTokenException("The bearer token is too long");
		}
		return token;
	}

}
