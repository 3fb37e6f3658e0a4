package dev.corelake.auth.user;

import java.time.Duration;
import java.time.Instant;

import dev.corelake.platform.test.MutableClock;
import dev.corelake.auth.system.AuthProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The login throttle's buckets, against a clock moved by hand.
 *
 * @author Corelake
 */
class LoginThrottleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));

	@Test
	void beginWhenUserBucketIsEmptyThenRateLimitedUntilItRefills() {
		LoginThrottle throttle = throttle(3, 100, 500);
		for (int i = 0; i < 3; i++) {
			throttle.begin("alice", "10.0.0.1");
		}
		assertThatExceptionOfType(LoginRateLimitedException.class).isThrownBy(() -> throttle.begin("alice", "10.0.0.2"))
			.satisfies((ex) -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("100"));
		throttle.begin("bob", "10.0.0.1");
		this.clock.advance(Duration.ofSeconds(100));
		throttle.begin("alice", "10.0.0.1");
	}

	@Test
	void succeededWhenReportedThenTheUsernameStartsAfreshAndTheAddressGetsItsTokenBack() {
		LoginThrottle throttle = throttle(2, 2, 500);
		throttle.begin("carol", "10.0.0.3");
		LoginThrottle.Attempt success = throttle.begin("carol", "10.0.0.3");
		throttle.succeeded(success);
		throttle.succeeded(throttle.begin("carol", "10.0.0.3"));
		throttle.begin("carol", "10.0.0.3");
		assertThatExceptionOfType(LoginRateLimitedException.class)
			.as("one failure and one still-open attempt exhaust the address")
			.isThrownBy(() -> throttle.begin("dave", "10.0.0.3"));
	}

	@Test
	void beginWhenAddressIsExhaustedThenTheUsernamesTokenIsReturned() {
		LoginThrottle throttle = throttle(2, 1, 500);
		throttle.begin("erin", "10.0.0.4");
		assertThatExceptionOfType(LoginRateLimitedException.class)
			.isThrownBy(() -> throttle.begin("frank", "10.0.0.4"));
		throttle.begin("frank", "10.0.0.5");
		throttle.begin("frank", "10.0.0.6");
	}

	@Test
	void bucketsWhenMoreKeysThanTheBoundThenTheLeastRecentlyUsedAreDropped() {
		LoginThrottle throttle = throttle(5, 1000, 100);
		for (int i = 0; i < 500; i++) {
			throttle.begin("user-" + i, "10.0.0.7");
		}
		assertThat(throttle.trackedKeys()).isEqualTo(100);
	}

	private LoginThrottle throttle(int perUser, int perAddress, int maxKeys) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		source.put("corelake.auth.login.max-failures-per-user", perUser);
		source.put("corelake.auth.login.max-failures-per-address", perAddress);
		source.put("corelake.auth.login.failure-window", "5m");
		source.put("corelake.auth.login.max-tracked-keys", maxKeys);
		AuthProperties properties = new Binder(source).bindOrCreate("corelake.auth", AuthProperties.class);
		return new LoginThrottle(properties, this.clock);
	}

}
