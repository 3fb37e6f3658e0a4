package dev.corelake.auth;

import dev.corelake.platform.test.MutableClock;
import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the system clock with a {@link MutableClock}.
 *
 * @author Corelake
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	/** Where every test clock starts. */
	public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(START);
	}

}
