package dev.corelake.auth;

import dev.corelake.platform.test.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute-force protection over real HTTP with the default limits (5 failures per username,
 * 20 per address, refilled over 5 minutes): lockout with 429 and {@code Retry-After}, and
 * answers that never tell whether a username exists.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:auth-throttle-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0", "corelake.data-dir=target/test-data",
		"corelake.auth.admin-password=" + LoginThrottleApiTests.ADMIN_PASSWORD,
		"corelake.auth.maintenance-interval=PT1H" })
@Import({ TestClockConfiguration.class, LoginThrottleApiTests.CountingEncoderConfiguration.class })
class LoginThrottleApiTests {

	static final String ADMIN_PASSWORD = "Throttle-Admin-Pass-42";

	private static final String PASSWORD = "Correct-Horse-Battery-9";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private CountingPasswordEncoder encoder;

	private AuthApi api;

	@BeforeEach
	void freshBuckets() {
		this.api = new AuthApi(this.port);
		// Past the window every bucket is full again
		this.clock.advance(Duration.ofMinutes(10));
	}

	@Test
	void loginWhenFiveFailuresForAUsernameThenLockedOutWith429AndRetryAfter() {
		String username = createUser("victim");
		for (int i = 0; i < 5; i++) {
			login(username, "Wrong-Password-" + i).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		}
		Answer locked = login(username, "Wrong-Password-5");
		locked.assertProblem(429, "LOGIN_RATE_LIMITED").hasRetryable(true);
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
		// even the right password waits
		login(username, PASSWORD).assertProblem(429, "LOGIN_RATE_LIMITED");

		this.clock.advance(Duration.ofSeconds(Long.parseLong(locked.header("Retry-After"))));
		assertThat(login(username, PASSWORD).status()).as("one attempt per minute comes back").isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			login(username, "Wrong-Again-" + i).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		}
		assertThat(login(username, PASSWORD).status()).as("a success clears the username's failures").isEqualTo(200);
	}

	@Test
	void loginWhenUsernameIsUnknownThenEveryAnswerIsTheSameAsForAWrongPassword() {
		String username = createUser("known");
		String unknown = "unknown-" + SEQUENCE.incrementAndGet();
		for (int i = 0; i < 6; i++) {
			int before = this.encoder.matches.get();
			Answer known = login(username, "Wrong-Password-" + i);
			Answer missing = login(unknown, "Wrong-Password-" + i);
			assertThat(missing.status()).isEqualTo(known.status());
			assertThat(comparable(missing)).isEqualTo(comparable(known));
			assertThat(missing.header("Retry-After")).isEqualTo(known.header("Retry-After"));
			if (known.status() == 400) {
				assertThat(this.encoder.matches.get() - before)
					.as("a password hash is checked for the unknown username too")
					.isEqualTo(2);
			}
		}
		assertThat(login(unknown, PASSWORD).status()).isEqualTo(429);
	}

	@Test
	void loginWhenTwentyFailuresFromOneAddressThenEveryUsernameIsLockedOutThere() {
		String username = createUser("bystander");
		for (int i = 0; i < 20; i++) {
			login("guess-" + (i % 4) + "-" + SEQUENCE.incrementAndGet(), "Wrong-Password-1").assertOAuthError(400,
					"OAUTH_INVALID_GRANT", "invalid_grant");
		}
		Answer locked = login(username, PASSWORD);
		locked.assertProblem(429, "LOGIN_RATE_LIMITED");
		assertThat(locked.header("Retry-After")).isNotNull();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(login(username, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void changePasswordWhenOldPasswordIsGuessedThenTheSameLimitApplies() {
		String username = createUser("guarded");
		String token = this.api.login(username, PASSWORD).access();
		for (int i = 0; i < 5; i++) {
			this.api
				.postJson("/api/v1/auth/me/password", token,
						AuthApi.json(Map.of("oldPassword", "Guess-Number-" + i, "newPassword", "Another-Good-One-5")))
				.assertProblem(400, "CURRENT_PASSWORD_INCORRECT");
		}
		this.api
			.postJson("/api/v1/auth/me/password", token,
					AuthApi.json(Map.of("oldPassword", PASSWORD, "newPassword", "Another-Good-One-5")))
			.assertProblem(429, "LOGIN_RATE_LIMITED");
	}

	private String createUser(String base) {
		String username = base + "-" + SEQUENCE.incrementAndGet();
		String admin = this.api.login("admin", ADMIN_PASSWORD).access();
		this.api.createUser(admin, username, PASSWORD, "VIEWER");
		return username;
	}

	private Answer login(String username, String password) {
		return this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", username, "password", password);
	}

	private static Map<String, Object> comparable(Answer answer) {
		Map<String, Object> body = new HashMap<>(answer.json());
		body.remove("traceId");
		return body;
	}

	/** Counts password checks, to prove unknown usernames cost a hash too. */
	static final class CountingPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		final AtomicInteger matches = new AtomicInteger();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.matches.incrementAndGet();
			return this.delegate.matches(rawPassword, encodedPassword);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingEncoderConfiguration {

		@Bean
		@Primary
		CountingPasswordEncoder countingPasswordEncoder() {
			return new CountingPasswordEncoder();
		}

	}

}
