package dev.corelake.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a Corelake access token to authorities: each of the {@code roles} becomes
 * {@code ROLE_<role>} (for {@code hasRole}), each of the space-separated {@code scope}
 * values {@code SCOPE_<scope>}.
 *
 * @author Corelake
 */
public class CorelakeAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

	/** Roles people can have. */
	public static final List<String> ROLES = List.of("ADMIN", "DATA_ENGINEER", "DATA_SCIENTIST", "VIEWER");

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
	}

	static Collection<GrantedAuthority> authorities(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		Object roles = jwt.getClaims().get("roles");
		if (roles instanceof Collection<?> values) {
			values.stream()
				.filter(String.class::isInstance)
				.map(String.class::cast)
				.filter(ROLES::contains)
				.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		}
		Object scope = jwt.getClaims().get("scope");
		if (scope instanceof String text) {
			for (String value : text.trim().split("\\s+")) {
				if (!value.isEmpty()) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + value));
				}
			}
		}
		return authorities;
	}

}
