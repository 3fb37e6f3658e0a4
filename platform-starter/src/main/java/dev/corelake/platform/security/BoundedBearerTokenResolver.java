package dev.corelake.platform.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header only (never from query
 * parameters, where it would end up in logs) and refuses one larger than the limit before
 * any parsing.
 *
 * @author Corelake
 */
public class BoundedBearerTokenResolver implements BearerTokenResolver {

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
		if (header != null && header.length() > this.maxBytes + 7) {
			throw new InvalidBearerTokenException("Bearer token too large");
		}
		return this.delegate.resolve(request);
	}

}
