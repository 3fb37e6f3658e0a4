package dev.corelake.catalog.lake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The orphan sweeper ({@code corelake.catalog.sweeper.*}).
 *
 * @param enabled whether the sweeper runs on a schedule (the API works either way)
 * @param interval pause between the end of one scheduled run and the start of the next
 * @param initialDelay pause between start-up and the first scheduled run
 * @param grace how old an orphan must be before it is reported or removed: a version
 * directory since its commit, a dead staging area since its last heartbeat (or, without a
 * lease, its last change). It must exceed the longest time a producer may wait to
 * register a committed version (catalog-service down) or to resume a crashed run.
 * @param delete whether scheduled runs remove orphans; {@code false} (the default) only
 * reports them
 * @author Corelake
 */
@ConfigurationProperties("corelake.catalog.sweeper")
record SweeperProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
		@DefaultValue("10m") Duration initialDelay, @DefaultValue("1h") Duration grace,
		@DefaultValue("false") boolean delete) {

	SweeperProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("corelake.catalog.sweeper.interval must be positive");
		}
		if (initialDelay.isNegative() || grace.isNegative()) {
			throw new IllegalArgumentException(
					"corelake.catalog.sweeper.initial-delay and .grace must not be negative");
		}
	}

}
