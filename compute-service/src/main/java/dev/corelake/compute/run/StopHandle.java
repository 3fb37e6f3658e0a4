package dev.corelake.compute.run;

import java.util.function.Consumer;

/**
 * How a running attempt is stopped from outside: a cancel request or its timeout sets the
 * reason once and kills the job's Spark work.
 *
 * @author Corelake
 */
public final class StopHandle {

	/** Why a job was stopped. */
	public enum Reason {

		/** Its owner cancelled it. */
		CANCELLED,

		/** It ran past its timeout. */
		TIMED_OUT,

		/**
		 * This process is shutting down; the job stays running in its record and is
		 * queued again by the next start.
		 */
		SHUTDOWN

	}

	private final Consumer<String> killGroup;

	private volatile Reason reason;

	private volatile String group;

	/**
	 * Creates a handle.
	 * @param killGroup cancels a Spark job group
	 */
	public StopHandle(Consumer<String> killGroup) {
		this.killGroup = killGroup;
	}

	/**
	 * Stops the job; the first reason wins.
	 * @param why the reason
	 */
	public synchronized void stop(Reason why) {
		if (this.reason == null) {
			this.reason = why;
		}
		kill();
	}

	/**
	 * Kills the job's Spark work again (a Spark job started just after the first kill).
	 */
	public void kill() {
		String current = this.group;
		if (this.reason != null && current != null) {
			this.killGroup.accept(current);
		}
	}

	/**
	 * Whether the job was stopped.
	 * @return {@code true} once stopped
	 */
	public boolean isStopped() {
		return this.reason != null;
	}

	/**
	 * Why it was stopped.
	 * @return the reason, or {@code null}
	 */
	public Reason reason() {
		return this.reason;
	}

	void attach(String sparkGroup) {
		this.group = sparkGroup;
		kill();
	}

}
