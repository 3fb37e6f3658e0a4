package dev.corelake.sync.engine;

import java.io.Closeable;

/**
 * Reads a source's records for one attempt of a run, from where the last checkpoint left
 * off.
 *
 * @author Corelake
 */
interface RowReader extends Closeable {

	/**
	 * Adds the next record (a row or a rejected record) to a batch.
	 * @param batch the batch, not full
	 * @return {@code false} at the end of the source
	 * @throws Exception when the source fails
	 */
	boolean next(RowBatch batch) throws Exception;

	/**
	 * Bytes read from the source so far in this attempt (for JDBC sources, the size of
	 * the values read).
	 * @return the bytes
	 */
	long bytesRead();

	/**
	 * Records of an incremental file run skipped so far in this attempt because their
	 * cursor value is missing.
	 * @return the count
	 */
	default long skippedNoCursor() {
		return 0;
	}

	/**
	 * Records of an incremental file run skipped so far in this attempt because their
	 * cursor value is not above the mark.
	 * @return the count
	 */
	default long skippedBelowMark() {
		return 0;
	}

}
