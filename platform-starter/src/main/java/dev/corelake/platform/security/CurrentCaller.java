package dev.corelake.platform.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: the subject of the current request's token, and what it may do.
 *
 * @author Corelake
 */
public final class CurrentCaller {

	private CurrentCaller() {
	}

	/**
	 * The caller's name (token subject).
	 * @return the name, if a token was presented
	 */
	public static Optional<String> name() {
		return jwt().map(JwtAuthenticationToken::getName);
	}

	/**
	 * Whether the caller has a role.
	 * @param role the role, without {@code ROLE_}
	 * @return {@code true} when it has it
	 */
	public static boolean hasRole(String role) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ("ROLE_" + role).equals(authority.getAuthority()));
	}

	/**
	 * The raw bearer token of the current request, for relaying it on outbound calls.
	 * @return the token value, if any
	 */
	public static Optional<String> bearerToken() {
		return jwt().map((token) -> token.getToken().getTokenValue());
	}

	private static Optional<JwtAuthenticationToken> jwt() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof JwtAuthenticationToken token) ? Optional.of(token) : Optional.empty();
	}

}
