package dev.corelake.model.training;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a training run is, mirrored from its compute job: {@code queued → running →
 * succeeded}, or {@code failed}, {@code cancelled}, {@code timed-out}. (compute-service's
 * {@code committing}, the registration of the trained version, shows as {@code running}.)
 *
 * @author Corelake
 */
public enum RunState {

	/** Waiting for a compute slot. */
	QUEUED,

	/** Training (or registering the trained version). */
	RUNNING,

	/** Trained and registered: the run names its model version. */
	SUCCEEDED,

	/** Failed; {@code error} says why. */
	FAILED,

	/** Cancelled; nothing registered. */
	CANCELLED,

	/** Ran past its timeout; nothing registered. */
	TIMED_OUT;

	/**
	 * Whether the run will not change any more.
	 * @return {@code true} for succeeded, failed, cancelled and timed-out
	 */
	public boolean isFinished() {
		return this != QUEUED && this != RUNNING;
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
	 * The run state of a compute job state.
	 * @param computeState e.g. {@code committing}
	 * @return the run state, {@code null} for a state this service does not know
	 */
	public static RunState ofComputeState(String computeState) {
		if (computeState == null) {
			return null;
		}
		return switch (computeState) {
			case "queued" -> QUEUED;
			case "running", "committing" -> RUNNING;
			case "succeeded" -> SUCCEEDED;
			case "failed" -> FAILED;
			case "cancelled" -> CANCELLED;
			case "timed-out" -> TIMED_OUT;
			default -> null;
		};
	}

}
