package dev.corelake.auth.user;

import java.security.SecureRandom;
import java.util.Optional;

import dev.corelake.auth.system.Secrets;
import dev.corelake.auth.system.SubjectName;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password, throttled per username and per client address. An
 * unknown username, a wrong password and a disabled user give the same answer (empty)
 * after the same work: for a username that does not exist the password is still checked,
 * against a dummy hash, so timing does not tell them apart either.
 *
 * @author Corelake
 */
@Component
public class PasswordAuthenticator {

	/** Longest username kept as a throttle key; longer ones cannot exist anyway. */
	private static final int MAX_KEY_LENGTH = 64;

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final String dummyHash;

	PasswordAuthenticator(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle, SecureRandom random) {
		this.users = users;
		this.encoder = encoder;
		this.throttle = throttle;
		this.dummyHash = encoder.encode(Secrets.generate(random));
	}

	/**
	 * Authenticates a user.
	 * @param username the username as given, may be {@code null}
	 * @param password the password as given, may be {@code null}
	 * @param address the client address
	 * @return the user when the credentials are right and the user is enabled
	 * @throws LoginRateLimitedException when too many attempts failed
	 */
	public Optional<User> authenticate(String username, String password, String address) {
		String name = (username != null) ? username : "";
		String key = (name.length() > MAX_KEY_LENGTH) ? name.substring(0, MAX_KEY_LENGTH) : name;
		LoginThrottle.Attempt attempt = this.throttle.begin(key, address);
		User user = SubjectName.COMPILED.matcher(name).matches() ? this.users.findByUsername(name).orElse(null) : null;
		String candidate = (password != null && PasswordPolicy.fitsBcrypt(password)) ? password : "";
		boolean matches = this.encoder.matches(candidate, (user != null) ? user.getPasswordHash() : this.dummyHash);
		if (user != null && matches && !candidate.isEmpty() && user.isEnabled()) {
			this.throttle.succeeded(attempt);
			return Optional.of(user);
		}
		return Optional.empty();
	}

}
