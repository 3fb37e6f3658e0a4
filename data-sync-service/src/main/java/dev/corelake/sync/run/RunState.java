package dev.corelake.sync.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a run and the moves between them: {@code QUEUED → RUNNING →
 * COMMITTING → SUCCEEDED}, with {@code FAILED} and {@code CANCELLED} as the other ends. A
 * {@code RUNNING} run whose instance died stays {@code RUNNING} and is resumed by another
 * (or the restarted) instance; a {@code COMMITTING} run is past cancelling, because its
 * data is already in the lake.
 *
 * @author Corelake
 */
public enum RunState {

	/** Waiting for admission. */
	QUEUED,
	/** Pulling rows into the run's staging area. */
	RUNNING,
	/** Committed in the lake; being registered in the catalog. */
	COMMITTING,
	/** Registered: a new dataset version. */
	SUCCEEDED,
	/** Stopped by an error; nothing committed. */
	FAILED,
	/** Stopped on request; nothing committed. */
	CANCELLED;

	/**
	 * The states a run in this state may move to.
	 * @return the next states
	 */
	public Set<RunState> next() {
		return switch (this) {
			case QUEUED -> EnumSet.of(RUNNING, CANCELLED, FAILED);
			case RUNNING -> EnumSet.of(RUNNING, COMMITTING, FAILED, CANCELLED);
			case COMMITTING -> EnumSet.of(SUCCEEDED, FAILED);
			case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(RunState.class);
		};
	}

	/**
	 * Whether the run has ended.
	 * @return {@code true} for succeeded, failed and cancelled
	 */
	public boolean isFinal() {
		return next().isEmpty();
	}

	/**
	 * Checks a move.
	 * @param target the state to move to
	 * @throws IllegalStateException when the move is not allowed
	 */
	public void checkMove(RunState target) {
		if (!next().contains(target)) {
			throw new IllegalStateException("a run cannot move from " + this + " to " + target);
		}
	}

}
