package dev.corelake.auth;

import dev.corelake.platform.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.auth.AuthApi.Tokens;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The running service the API tests share (one application context, one in-memory H2
 * database): a known admin password, a platform client, a movable clock, and a
 * per-address login limit high enough that the tests' deliberate failures never lock each
 * other out (the limits themselves are tested in {@code LoginThrottleApiTests}).
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:auth-api-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0", "corelake.data-dir=target/test-data",
		"corelake.auth.admin-password=" + AbstractApiTests.ADMIN_PASSWORD,
		"corelake.auth.platform-client.secret=" + AbstractApiTests.PLATFORM_SECRET,
		"corelake.auth.login.max-failures-per-address=100000", "corelake.auth.maintenance-interval=PT1H" })
@Import(TestClockConfiguration.class)
abstract class AbstractApiTests {

	static final String ADMIN_PASSWORD = "Bootstrap-Admin-Pass-42";

	static final String PLATFORM_SECRET = "platform-client-secret-for-tests-0123456789";

	static final String PASSWORD = "Correct-Horse-Battery-9";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static volatile CachedToken adminToken;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	AuthApi api;

	@BeforeEach
	void connect() {
		this.api = new AuthApi(this.port);
	}

	/**
	 * An access token of the bootstrap admin, reused while the test clock stays within
	 * five minutes of its issue (bcrypt makes every login cost a tenth of a second).
	 * @return the token
	 */
	String adminToken() {
		CachedToken cached = adminToken;
		Instant now = this.clock.instant();
		if (cached == null || cached.port() != this.port || now.isBefore(cached.issuedAt())
				|| now.isAfter(cached.issuedAt().plus(Duration.ofMinutes(5)))) {
			cached = new CachedToken(this.port, now, this.api.login("admin", ADMIN_PASSWORD).access());
			adminToken = cached;
		}
		return cached.token();
	}

	/**
	 * Creates a fresh user and logs them in.
	 * @param base start of the username
	 * @param roles the roles
	 * @return the user's name and tokens
	 */
	Login newUser(String base, String... roles) {
		String username = unique(base);
		this.api.createUser(adminToken(), username, PASSWORD, roles);
		return new Login(username, this.api.login(username, PASSWORD));
	}

	static String unique(String base) {
		return base + "-" + SEQUENCE.incrementAndGet();
	}

	/**
	 * An admin token and when it was issued.
	 *
	 * @param port the service it is for
	 * @param issuedAt the test clock at issue
	 * @param token the token
	 */
	private record CachedToken(int port, Instant issuedAt, String token) {
	}

	/**
	 * A logged-in user.
	 *
	 * @param username the username
	 * @param tokens the tokens
	 */
	record Login(String username, Tokens tokens) {

		String access() {
			return this.tokens.access();
		}

		String refresh() {
			return this.tokens.refresh();
		}

	}

}
