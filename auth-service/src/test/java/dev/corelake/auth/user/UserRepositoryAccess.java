package dev.corelake.auth.user;

import java.time.Instant;
import java.util.Set;

import org.springframework.context.ApplicationContext;

/**
 * Lets persistence tests in other packages use the package-private user store.
 *
 * @author Corelake
 */
public final class UserRepositoryAccess {

	private final UserRepository repository;

	/**
	 * Access through a running context.
	 * @param context the context
	 */
	public UserRepositoryAccess(ApplicationContext context) {
		this.repository = context.getBean(UserRepository.class);
	}

	/**
	 * Stores a new user.
	 * @param username the username
	 * @param roles the roles
	 * @param enabled whether enabled
	 * @param now creation time
	 * @return the stored user
	 */
	public User save(String username, Set<Role> roles, boolean enabled, Instant now) {
		return this.repository.save(new User(username, "{noop}x", roles, enabled, now));
	}

	/**
	 * Saves a changed copy.
	 * @param user the user
	 * @return the saved user
	 */
	public User save(User user) {
		return this.repository.save(user);
	}

	/**
	 * Reads a user.
	 * @param username the username
	 * @return the user
	 */
	public User find(String username) {
		return this.repository.findByUsername(username).orElse(null);
	}

	/**
	 * Changes the roles of a loaded copy.
	 * @param user the copy
	 * @param roles the roles
	 */
	public void changeRoles(User user, Set<Role> roles) {
		user.replaceRoles(roles);
	}

	/**
	 * The revision of a user.
	 * @param user the user
	 * @return the revision
	 */
	public long revision(User user) {
		return user.getRevision();
	}

	/**
	 * Creation time.
	 * @param user the user
	 * @return the time
	 */
	public Instant createdAt(User user) {
		return user.getCreatedAt();
	}

	/**
	 * Enabled administrators.
	 * @return the count
	 */
	public long countEnabledAdmins() {
		return this.repository.countEnabledAdmins();
	}

	/** Deletes every user. */
	public void deleteAll() {
		this.repository.deleteAll();
	}

}
