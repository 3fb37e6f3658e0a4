package dev.corelake.config.system;

import java.util.Set;
import java.util.stream.Collectors;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.security.CurrentCaller;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may do what with configuration. Every signed-in caller reads (platform security
 * already refuses requests without a valid token); {@code ADMIN} and clients with scope
 * {@code config.write} write; secret values are shown in clear only to {@code ADMIN} and
 * clients with scope {@code config.secrets}, everyone else sees {@value #MASK}. With
 * platform security switched off (local experiments only) every caller is an
 * administrator named {@code anonymous}.
 *
 * @author Corelake
 */
@Component
public class ConfigAccess {

	/** What a secret value looks like to a caller who may not see it. */
	public static final String MASK = "******";

	private final boolean enabled;

	ConfigAccess(@Value("${corelake.platform.security.enabled:true}") boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * The name recorded as the author of a change: the token's subject.
	 * @return the author
	 */
	public String author() {
		return CurrentCaller.name().orElse("anonymous");
	}

	/**
	 * Checks that the caller may change configuration.
	 * @throws CorelakeException 403 when it may not
	 */
	public void requireWrite() {
		Set<String> authorities = authorities();
		if (authorities != null && !authorities.contains("ROLE_ADMIN") && !authorities.contains("SCOPE_config.write")) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Changing configuration needs the ADMIN role or the config.write scope.");
		}
	}

	/**
	 * Whether the caller sees secret values in clear.
	 * @return {@code true} for administrators and clients with {@code config.secrets}
	 */
	public boolean readsSecrets() {
		Set<String> authorities = authorities();
		return authorities == null || authorities.contains("ROLE_ADMIN")
				|| authorities.contains("SCOPE_config.secrets");
	}

	/**
	 * A value as the caller may see it.
	 * @param value the value
	 * @param secret whether it is secret
	 * @param readsSecrets whether the caller sees secrets
	 * @return the value or the mask
	 */
	public static String shown(String value, boolean secret, boolean readsSecrets) {
		return (secret && !readsSecrets && value != null) ? MASK : value;
	}

	/** The caller's authorities, or {@code null} when everything is allowed. */
	private Set<String> authorities() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!this.enabled || authentication == null) {
			return null;
		}
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet());
	}

}
