package dev.corelake.auth.user;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.corelake.auth.system.AuthProperties;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator, {@code admin}, when no user exists yet — before the
 * server opens its port. The password comes from {@code corelake.auth.admin-password} or
 * {@code CORELAKE_ADMIN_PASSWORD}; when neither is set, a strong one is generated and
 * logged once (the only time a password is ever logged), except in the {@code prod}
 * profile, where startup stops instead.
 *
 * @author Corelake
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

	static final String ADMIN = "admin";

	static final String ENVIRONMENT_VARIABLE = "CORELAKE_ADMIN_PASSWORD";

	private static final Log log = LogFactory.getLog(AdminBootstrap.class);

	private final UserService users;

	private final PasswordPolicy policy;

	private final AuthProperties properties;

	private final Environment environment;

	private final SecureRandom random;

	AdminBootstrap(UserService users, PasswordPolicy policy, AuthProperties properties, Environment environment,
			SecureRandom random) {
		this.users = users;
		this.policy = policy;
		this.properties = properties;
		this.environment = environment;
		this.random = random;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.users.count() > 0) {
			return;
		}
		String password = configuredPassword();
		boolean generated = password == null;
		if (generated) {
			if (this.environment.matchesProfiles("prod")) {
				throw new IllegalStateException("No user exists yet and " + ENVIRONMENT_VARIABLE
						+ " (corelake.auth.admin-password) is not set. In the prod profile the first administrator's "
						+ "password must be supplied (from a Kubernetes Secret); it is never generated.");
			}
			password = generatePassword();
		}
		else {
			List<FieldViolation> violations = this.policy.check(ENVIRONMENT_VARIABLE, ADMIN, password);
			if (!violations.isEmpty()) {
				throw new IllegalStateException(ENVIRONMENT_VARIABLE + " does not meet the password policy: "
						+ violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")) + ".");
			}
		}
		try {
			this.users.create(ADMIN, password, Set.of(Role.ADMIN), true);
		}
		catch (CorelakeException ex) {
			// Another replica created it first
			log.info("The bootstrap administrator was created concurrently: " + ex.getMessage());
			return;
		}
		if (generated) {
			log.warn(banner(password));
		}
		else {
			log.info("Created the bootstrap administrator '" + ADMIN + "' with the password from "
					+ ENVIRONMENT_VARIABLE + ".");
		}
	}

	private String configuredPassword() {
		String password = this.properties.adminPassword();
		if (password == null || password.isEmpty()) {
			password = this.environment.getProperty(ENVIRONMENT_VARIABLE);
		}
		return (password == null || password.isEmpty()) ? null : password;
	}

	private String generatePassword() {
		String password;
		do {
			byte[] bytes = new byte[18];
			this.random.nextBytes(bytes);
			password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (!this.policy.check("password", ADMIN, password).isEmpty());
		return password;
	}

	private static String banner(String password) {
		String line = "=".repeat(78);
		return "\n" + line + "\n  Corelake bootstrap administrator created (shown only this once)\n\n"
				+ "    username: " + ADMIN + "\n    password: " + password + "\n\n"
				+ "  Log in:  curl -d grant_type=password -d username=" + ADMIN
				+ " --data-urlencode password=... http://localhost:8081/api/v1/auth/token\n"
				+ "  Change it with POST /api/v1/auth/me/password, or set " + ENVIRONMENT_VARIABLE
				+ " before the first start.\n" + line;
	}

}
