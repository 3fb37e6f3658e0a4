package dev.corelake.auth.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.corelake.errors.FieldViolation;

import org.springframework.stereotype.Component;

/**
 * The password policy: 12 to 128 characters and at most 72 bytes in UTF-8 (bcrypt ignores
 * what lies beyond, so a longer password would only look stronger), at least 5 different
 * characters, not the username, and not in the bundled list of common passwords.
 *
 * @author Corelake
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	static final int MAX_BYTES = 72;

	static final int MIN_DISTINCT = 5;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	/**
	 * Checks a password.
	 * @param field the request field it came in, named by the violations
	 * @param username the user it is for
	 * @param password the password, may be {@code null}
	 * @return what is wrong with it; empty when it is acceptable
	 */
	public List<FieldViolation> check(String field, String username, String password) {
		List<FieldViolation> violations = new ArrayList<>();
		if (password == null) {
			violations.add(new FieldViolation(field, "must not be null"));
			return violations;
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			violations.add(new FieldViolation(field, "must have at least " + MIN_LENGTH + " characters"));
		}
		if (length > MAX_LENGTH) {
			violations.add(new FieldViolation(field, "must have at most " + MAX_LENGTH + " characters"));
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			violations.add(new FieldViolation(field, "must be at most " + MAX_BYTES + " bytes in UTF-8"));
		}
		if (password.codePoints().distinct().count() < MIN_DISTINCT) {
			violations.add(new FieldViolation(field, "must have at least " + MIN_DISTINCT + " different characters"));
		}
		if (username != null && password.equalsIgnoreCase(username)) {
			violations.add(new FieldViolation(field, "must not be the username"));
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			violations.add(new FieldViolation(field, "is too common"));
		}
		return violations;
	}

	/**
	 * Whether a password is one bcrypt can take at all; longer ones are refused before
	 * they are hashed.
	 * @param password the password
	 * @return {@code true} when it fits
	 */
	static boolean fitsBcrypt(String password) {
		return password.length() <= MAX_LENGTH && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

	int commonPasswordCount() {
		return this.common.size();
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("common-passwords.txt is missing from the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String entry = line.strip();
				if (!entry.isEmpty() && !entry.startsWith("#")) {
					passwords.add(entry.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(passwords);
	}

}
