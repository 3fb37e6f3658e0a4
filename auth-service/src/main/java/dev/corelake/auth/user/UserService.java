package dev.corelake.auth.user;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.corelake.platform.web.Preconditions;
import dev.corelake.auth.system.SubjectNames;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.platform.web.PageResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes users. Any change of a user's password, roles or enabled flag ends
 * their existing sessions ({@link UserSessionsEnded}), so that a demoted or disabled user
 * loses access within seconds, not at token expiry. The last enabled ADMIN can be neither
 * disabled nor demoted.
 *
 * @author Corelake
 */
@Service
public class UserService {

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final PasswordAuthenticator authenticator;

	private final SubjectNames names;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	UserService(UserRepository users, PasswordEncoder encoder, PasswordPolicy policy,
			PasswordAuthenticator authenticator, SubjectNames names, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.policy = policy;
		this.authenticator = authenticator;
		this.names = names;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	User create(String username, String password, Set<Role> roles, boolean enabled) {
		requireAcceptable("password", username, password);
		if (this.names.isTaken(username)) {
			throw UserAlreadyExistsException.named(username);
		}
		try {
			return this.users
				.save(new User(username, this.encoder.encode(password), roles, enabled, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw UserAlreadyExistsException.named(username);
		}
	}

	/**
	 * Finds a user.
	 * @param username the username
	 * @return the user, if there is one
	 */
	@Transactional(readOnly = true)
	public Optional<User> find(String username) {
		return this.users.findByUsername(username);
	}

	@Transactional(readOnly = true)
	User get(String username) {
		return find(username).orElseThrow(() -> UserNotFoundException.named(username));
	}

	@Transactional(readOnly = true)
	PageResponse<User> list(int page, int size) {
		Page<User> found = this.users.findAll(PageRequest.of(page, size, Sort.by("username")));
		return PageResponse.of(found.getContent(), page, size, found.getTotalElements());
	}

	@Transactional(readOnly = true)
	long count() {
		return this.users.count();
	}

	@Transactional
	User update(String username, String ifMatch, Set<Role> roles, Boolean enabled, String password) {
		User user = get(username);
		Preconditions.checkMatch(ifMatch, user.getRevision());
		List<String> changes = new ArrayList<>();
		boolean wasAdmin = user.isEnabled() && user.getRoles().contains(Role.ADMIN);
		if (roles != null && !roles.equals(user.getRoles())) {
			user.replaceRoles(roles);
			changes.add("roles");
		}
		if (enabled != null && enabled != user.isEnabled()) {
			user.enable(enabled);
			changes.add(enabled ? "enabled" : "disabled");
		}
		if (password != null) {
			requireAcceptable("password", username, password);
			user.changePasswordHash(this.encoder.encode(password));
			changes.add("password reset");
		}
		if (changes.isEmpty()) {
			return user;
		}
		boolean isAdmin = user.isEnabled() && user.getRoles().contains(Role.ADMIN);
		if (wasAdmin && !isAdmin && this.users.countEnabledAdmins() <= 1) {
			throw LastAdminException.named(username);
		}
		User saved = save(user);
		this.events.publishEvent(new UserSessionsEnded(username, String.join(", ", changes)));
		return saved;
	}

	@Transactional
	void changeOwnPassword(String username, String currentPassword, String newPassword, String address) {
		if (this.authenticator.authenticate(username, currentPassword, address).isEmpty()) {
			throw CurrentPasswordIncorrectException.create();
		}
		User user = get(username);
		List<FieldViolation> violations = new ArrayList<>(this.policy.check("newPassword", username, newPassword));
		if (newPassword != null && newPassword.equals(currentPassword)) {
			violations.add(new FieldViolation("newPassword", "must differ from the current password"));
		}
		if (!violations.isEmpty()) {
			throw PasswordPolicyException.of(violations);
		}
		user.changePasswordHash(this.encoder.encode(newPassword));
		save(user);
		this.events.publishEvent(new UserSessionsEnded(username, "password changed"));
	}

	private void requireAcceptable(String field, String username, String password) {
		List<FieldViolation> violations = this.policy.check(field, username, password);
		if (!violations.isEmpty()) {
			throw PasswordPolicyException.of(violations);
		}
	}

	private User save(User user) {
		user.touch(this.clock.instant());
		try {
			return this.users.save(user);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"User '" + user.getUsername() + "' was changed concurrently; read it again and retry.", ex);
		}
	}

}
