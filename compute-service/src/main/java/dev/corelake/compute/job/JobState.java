package dev.corelake.compute.job;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a job is in its life: {@code queued → running → committing → succeeded}, or
 * {@code failed}, {@code cancelled}, {@code timed-out}. A job in {@code committing} has
 * its output committed in the lake and waits for catalog-service to register it.
 *
 * @author Corelake
 */
public enum JobState {

	/** Accepted, waiting for a slot. */
	QUEUED,

	/** Spark is running it. */
	RUNNING,

	/** Output written and committed; being registered in the catalog. */
	COMMITTING,

	/** Output registered (or, for a profile, the profile stored). */
	SUCCEEDED,

	/** Failed after its retries; {@code error} says why. */
	FAILED,

	/** Cancelled by its owner; nothing committed. */
	CANCELLED,

	/** Ran past its timeout; nothing committed. */
	TIMED_OUT;

	/** The states a job never leaves. */
	public static final Set<JobState> FINISHED = Set.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT);

	/**
	 * Whether the job will not change any more.
	 * @return {@code true} for succeeded, failed, cancelled and timed-out
	 */
	public boolean isFinished() {
		return FINISHED.contains(this);
	}

	/**
	 * The name the API uses.
	 * @return e.g. {@code timed-out}
	 */
	@JsonValue
	public String apiName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Reads an API name.
	 * @param name e.g. {@code timed-out}
	 * @return the state
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static JobState fromApiName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
