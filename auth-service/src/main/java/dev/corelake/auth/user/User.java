package dev.corelake.auth.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person who logs in with a password. Changes run under optimistic locking;
 * {@code revision} is the ETag.
 *
 * @author Corelake
 */
@Table("app_user")
public class User {

	@Id
	private Long id;

	private String username;

	private String passwordHash;

	private boolean enabled;

	@Version
	private Long revision;

	private Instant createdAt;

	private Instant updatedAt;

	@MappedCollection(idColumn = "user_id")
	private Set<UserRole> roles = new HashSet<>();

	User() {
	}

	User(String username, String passwordHash, Set<Role> roles, boolean enabled, Instant now) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.createdAt = now;
		this.updatedAt = now;
		replaceRoles(roles);
	}

	Long getId() {
		return this.id;
	}

	/**
	 * The unique username, a token's {@code sub}.
	 * @return the username
	 */
	public String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	/**
	 * Whether the user may log in.
	 * @return {@code true} when enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * The user's roles.
	 * @return the roles, in declaration order
	 */
	public Set<Role> getRoles() {
		Set<Role> result = EnumSet.noneOf(Role.class);
		this.roles.forEach((role) -> result.add(role.role()));
		return result;
	}

	long getRevision() {
		return (this.revision != null) ? this.revision : 0;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void replaceRoles(Set<Role> newRoles) {
		this.roles = new HashSet<>();
		newRoles.forEach((role) -> this.roles.add(new UserRole(role)));
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

	@Override
	public String toString() {
		return "User[" + this.username + "]";
	}

}
