package dev.corelake.sync.system;

import java.util.Set;
import java.util.stream.Collectors;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may see and change which source, job and run. The platform's one rule: what the
 * caller may not read does not exist for them (404); what they may read but not change
 * answers 403 to a change.
 * <ul>
 * <li>{@code ADMIN}, and API clients with scope {@code sync.write}, read and change
 * everything; clients with {@code sync.read} read everything.</li>
 * <li>{@code DATA_ENGINEER} creates sources and jobs, and reads and changes their own
 * (and runs their jobs); jobs may use any source the caller can read.</li>
 * <li>Everyone else sees nothing.</li>
 * </ul>
 * With platform security switched off (local experiments only) every caller is an
 * administrator named {@code anonymous}.
 *
 * @author Corelake
 */
@Component
public class SyncAccess {

	private final boolean enabled;

	SyncAccess(@Value("${corelake.platform.security.enabled:true}") boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * The current caller.
	 * @return the caller
	 */
	public Caller caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!this.enabled || authentication == null) {
			return new Caller("anonymous", Set.of("ROLE_ADMIN"));
		}
		Set<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet());
		return new Caller(authentication.getName(), authorities);
	}

	/**
	 * Checks that the caller may create sources and jobs.
	 * @return the caller
	 */
	public Caller requireCreate() {
		Caller caller = caller();
		if (!caller.canCreate()) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Creating sync sources and jobs needs the DATA_ENGINEER or ADMIN role.");
		}
		return caller;
	}

	/**
	 * A caller and what it may do.
	 *
	 * @param name user name or client id
	 * @param authorities its authorities ({@code ROLE_*}, {@code SCOPE_*})
	 */
	public record Caller(String name, Set<String> authorities) {

		/**
		 * Whether the caller sees and changes everything.
		 * @return {@code true} for administrators and writing clients
		 */
		public boolean isAdmin() {
			return this.authorities.contains("ROLE_ADMIN") || this.authorities.contains("SCOPE_sync.write");
		}

		/**
		 * Whether the caller may create sources and jobs.
		 * @return {@code true} for data engineers and administrators
		 */
		public boolean canCreate() {
			return isAdmin() || this.authorities.contains("ROLE_DATA_ENGINEER");
		}

		/**
		 * Whether the caller may see something owned by someone.
		 * @param owner the owner
		 * @return {@code true} when it may
		 */
		public boolean canRead(String owner) {
			return readsAll() || this.name.equals(owner);
		}

		/**
		 * Whether the caller sees everything.
		 * @return {@code true} for administrators and reading or writing clients
		 */
		public boolean readsAll() {
			return isAdmin() || this.authorities.contains("SCOPE_sync.read");
		}

		/**
		 * Whether the caller may change (and run) something owned by someone.
		 * @param owner the owner
		 * @return {@code true} when it may
		 */
		public boolean canWrite(String owner) {
			return isAdmin() || (this.name.equals(owner) && canCreate());
		}

	}

}
