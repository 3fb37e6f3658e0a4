package dev.corelake.sync.engine;

/**
 * Records handed from the reading thread to the writing thread: rows, and rejected
 * records with their reason, in source order, each with the source offset after it
 * (files) so that a chunk may end after any of them.
 *
 * @author Corelake
 */
final class RowBatch {

	/** A batch that says the source has ended. */
	static final RowBatch END = new RowBatch(0);

	final Object[][] rows;

	final String[] rejectReasons;

	final String[] rejectRecords;

	final long[] offsets;

	int size;

	/**
	 * Records skipped by an incremental file run's cursor before each entry (counted from
	 * the start of the attempt), or {@code null} when nothing is skipped.
	 */
	long[] skippedNoCursor;

	long[] skippedBelowMark;

	/** Bytes read from the source up to the end of this batch. */
	long sourceBytes;

	/** Why the reading failed, for the last batch of a failed read. */
	RuntimeException failure;

	RowBatch(int capacity) {
		this.rows = new Object[capacity][];
		this.rejectReasons = new String[capacity];
		this.rejectRecords = new String[capacity];
		this.offsets = new long[capacity];
	}

	boolean isFull() {
		return this.size == this.rows.length;
	}

	void addRow(Object[] row, long offset) {
		this.rows[this.size] = row;
		this.offsets[this.size] = offset;
		this.size++;
	}

	void addRow(Object[] row, long offset, long noCursor, long belowMark) {
		skips(noCursor, belowMark);
		addRow(row, offset);
	}

	void addReject(String reason, String record, long offset, long noCursor, long belowMark) {
		skips(noCursor, belowMark);
		addReject(reason, record, offset);
	}

	private void skips(long noCursor, long belowMark) {
		if (this.skippedNoCursor == null) {
			if (noCursor == 0 && belowMark == 0) {
				return;
			}
			this.skippedNoCursor = new long[this.rows.length];
			this.skippedBelowMark = new long[this.rows.length];
		}
		this.skippedNoCursor[this.size] = noCursor;
		this.skippedBelowMark[this.size] = belowMark;
	}

	void addReject(String reason, String record, long offset) {
		this.rejectReasons[this.size] = reason;
		this.rejectRecords[this.size] = record;
		this.offsets[this.size] = offset;
		this.size++;
	}

	int rowCount() {
		int count = 0;
		for (int i = 0; i < this.size; i++) {
			if (this.rows[i] != null) {
				count++;
			}
		}
		return count;
	}

}
