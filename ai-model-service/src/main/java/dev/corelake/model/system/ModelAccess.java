package dev.corelake.model.system;

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
 * Who may see and change which model, by the catalog's rule: a model the caller may not
 * read does not exist for them (404); one they may read but not change answers 403 to a
 * change.
 * <ul>
 * <li>{@code ADMIN}, and API clients with scope {@code models.write}, read and change
 * all; clients with {@code models.read} read (and predict with) all.</li>
 * <li>The owner reads and changes their models; readers (named users, or {@code *} for
 * every signed-in user) read them and call predict.</li>
 * <li>{@code DATA_ENGINEER} and {@code DATA_SCIENTIST} create models (by training);
 * {@code VIEWER} only reads.</li>
 * </ul>
 * With platform security off every caller is an administrator named {@code anonymous}.
 *
 * @author Corelake
 */
@Component
public class ModelAccess {

	/** Reader entry meaning every signed-in user. */
	public static final String EVERYONE = "*";

	private final boolean enabled;

	ModelAccess(@Value("${corelake.platform.security.enabled:true}") boolean enabled) {
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
		return new Caller(authentication.getName(),
				authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * A caller and what it may do.
	 *
	 * @param name user name or client id
	 * @param authorities {@code ROLE_*} and {@code SCOPE_*}
	 */
	public record Caller(String name, Set<String> authorities) {

		/**
		 * Whether the caller sees and changes every model.
		 * @return {@code true} for administrators and writing clients
		 */
		public boolean isAdmin() {
			return this.authorities.contains("ROLE_ADMIN") || this.authorities.contains("SCOPE_models.write");
		}

		/**
		 * Whether the caller sees every model.
		 * @return {@code true} for administrators and reading clients
		 */
		public boolean readsAll() {
			return isAdmin() || this.authorities.contains("SCOPE_models.read");
		}

		/**
		 * Whether the caller may create models and start training runs.
		 * @return {@code true} for data engineers, data scientists and administrators
		 */
		public boolean canCreate() {
			return isAdmin() || this.authorities.contains("ROLE_DATA_ENGINEER")
					|| this.authorities.contains("ROLE_DATA_SCIENTIST");
		}

		/**
		 * Checks that the caller may create models.
		 * @throws CorelakeException 403 otherwise
		 */
		public void requireCreate() {
			if (!canCreate()) {
				throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
						"Training models needs the DATA_ENGINEER, DATA_SCIENTIST or ADMIN role.");
			}
		}

		/**
		 * Whether the caller may read a model.
		 * @param owner the model's owner
		 * @param readers its readers
		 * @return {@code true} when it may
		 */
		public boolean canRead(String owner, Set<String> readers) {
			return readsAll() || this.name.equals(owner) || readers.contains(this.name) || readers.contains(EVERYONE);
		}

		/**
		 * Whether the caller may change a model.
		 * @param owner the model's owner
		 * @return {@code true} when it may
		 */
		public boolean canWrite(String owner) {
			return isAdmin() || (this.name.equals(owner) && canCreate());
		}

	}

}
