package dev.corelake.sync.engine;

import java.util.concurrent.atomic.AtomicLong;

import dev.corelake.lake.Staging;
import dev.corelake.sync.run.RunProgress;

/**
 * A run this instance is executing: its live counts (read by the heartbeat), and the
 * flags that stop it.
 *
 * @author Corelake
 */
final class ActiveRun {

	final long id;

	final AtomicLong rowsRead = new AtomicLong();

	final AtomicLong rowsWritten = new AtomicLong();

	final AtomicLong rowsRejected = new AtomicLong();

	final AtomicLong bytesRead = new AtomicLong();

	final AtomicLong bytesWritten = new AtomicLong();

	/** A user asked to cancel it. */
	volatile boolean cancelRequested;

	/** Another instance holds it now (this one lost its lease): stop without a trace. */
	volatile boolean fenced;

	/** This instance is shutting down (or crashing, in tests): stop, to be resumed. */
	volatile boolean stopping;

	volatile Staging staging;

	volatile Thread thread;

	ActiveRun(long id) {
		this.id = id;
	}

	/**
	 * Refreshes the staging area's lease, unless the run no longer has one to keep (it is
	 * committing). One writer at a time: HDFS refuses two creates of one file at once.
	 */
	synchronized void heartbeatStaging() {
		if (this.staging != null) {
			this.staging.heartbeat();
		}
	}

	/**
	 * Hands the staging area over to the commit: no more lease writes.
	 */
	synchronized void releaseStaging() {
		this.staging = null;
	}

	boolean shouldStop() {
		return this.cancelRequested || this.fenced || this.stopping;
	}

	RunProgress progress() {
		return new RunProgress(this.rowsRead.get(), this.rowsWritten.get(), this.rowsRejected.get(),
				this.bytesRead.get(), this.bytesWritten.get(), null, null);
	}

}
