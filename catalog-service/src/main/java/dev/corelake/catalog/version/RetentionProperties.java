package dev.corelake.catalog.version;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled retention ({@code corelake.catalog.retention.*}).
 *
 * @param enabled whether retention runs on a schedule (it can always be applied through
 * the API)
 * @param interval pause between the end of one run and the start of the next
 * @param initialDelay pause between start-up and the first run
 * @author Corelake
 */
@ConfigurationProperties("corelake.catalog.retention")
record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
		@DefaultValue("5m") Duration initialDelay) {

	RetentionProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("corelake.catalog.retention.interval must be positive");
		}
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("corelake.catalog.retention.initial-delay must not be negative");
		}
	}

}
