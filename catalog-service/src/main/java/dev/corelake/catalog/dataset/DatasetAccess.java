package dev.corelake.catalog.dataset;

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
 * Who may see and change which dataset. One rule, applied everywhere: a dataset the
 * caller may not read does not exist for them (404, so names do not leak); one they may
 * read but not change answers 403 to a change.
 * <ul>
 * <li>{@code ADMIN}, and API clients with scope {@code catalog.write}, read and change
 * all; clients with {@code catalog.read} read all.</li>
 * <li>The owner reads and changes their datasets; readers (named users, or {@code *} for
 * every signed-in user) read them.</li>
 * <li>{@code DATA_ENGINEER} and {@code DATA_SCIENTIST} create datasets; {@code VIEWER}
 * only reads.</li>
 * </ul>
 * With platform security switched off (local experiments only) every caller is an
 * administrator named {@code anonymous}.
 *
 * @author Corelake
 */
@Component
public class DatasetAccess {

	/** Reader entry meaning every signed-in user. */
	public static final String EVERYONE = "*";

	private final boolean enabled;

	DatasetAccess(@Value("${corelake.platform.security.enabled:true}") boolean enabled) {
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
	 * Returns the dataset if the caller may read it.
	 * @param dataset the dataset
	 * @return the dataset
	 * @throws DatasetNotFoundException when the caller may not read it
	 */
	public Dataset readable(Dataset dataset) {
		if (!caller().canRead(dataset)) {
			throw DatasetNotFoundException.named(dataset.getName());
		}
		return dataset;
	}

	/**
	 * Returns the dataset if the caller may change it.
	 * @param dataset the dataset
	 * @return the dataset
	 * @throws DatasetNotFoundException when the caller may not even read it
	 * @throws CorelakeException 403 when the caller may read but not change it
	 */
	public Dataset writable(Dataset dataset) {
		Caller caller = caller();
		if (!caller.canRead(dataset)) {
			throw DatasetNotFoundException.named(dataset.getName());
		}
		if (!caller.canWrite(dataset)) {
			throw denied("Only the owner of dataset '" + dataset.getName() + "' or an administrator may change it.");
		}
		return dataset;
	}

	/**
	 * Whether the current caller may read the dataset.
	 * @param dataset the dataset
	 * @return {@code true} if it may
	 */
	public boolean canRead(Dataset dataset) {
		return caller().canRead(dataset);
	}

	/**
	 * Checks that the caller is a platform administrator (role {@code ADMIN}): the lake
	 * as a whole is theirs alone, since its paths name every dataset.
	 * @throws CorelakeException 403 otherwise
	 */
	public void requirePlatformAdmin() {
		if (!caller().authorities().contains("ROLE_ADMIN")) {
			throw denied("Only an administrator (role ADMIN) may inspect or sweep the lake.");
		}
	}

	/** Checks that the caller may create datasets. */
	void requireCreate() {
		if (!caller().canCreate()) {
			throw denied("Creating datasets needs the DATA_ENGINEER, DATA_SCIENTIST or ADMIN role.");
		}
	}

	private static CorelakeException denied(String detail) {
		return new CorelakeException(CommonErrorCode.ACCESS_DENIED, detail);
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
			return this.authorities.contains("ROLE_ADMIN") || this.authorities.contains("SCOPE_catalog.write");
		}

		boolean readsAll() {
			return isAdmin() || this.authorities.contains("SCOPE_catalog.read");
		}

		boolean canCreate() {
			return isAdmin() || this.authorities.contains("ROLE_DATA_ENGINEER")
					|| this.authorities.contains("ROLE_DATA_SCIENTIST");
		}

		boolean canRead(Dataset dataset) {
			return readsAll() || this.name.equals(dataset.getOwner()) || dataset.getReaders().contains(this.name)
					|| dataset.getReaders().contains(EVERYONE);
		}

		boolean canWrite(Dataset dataset) {
			if (isAdmin()) {
				return true;
			}
			return this.name.equals(dataset.getOwner()) && canCreate();
		}

	}

}
