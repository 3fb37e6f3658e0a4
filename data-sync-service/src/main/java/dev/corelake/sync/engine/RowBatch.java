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

	/** Reasons and records of the rejected entries; {@code null} until one is added. */
	String[] rejectReasons;

	String[] rejectRecords;

	/** Source offsets after each entry; {@code null} until one is known (files). */
	long[] offsets;

	int size;

	/**
	 * Records skipped by an incremental file run's cursor before each entry (counted from
	 * the start of the attempt), or {@code null} when nothing is skipped.
	 */
	long[] skippedNoCursor;

	long[] skippedBelowMark;

	/**
	 * UTF-8 bytes of the string values, by column then entry, encoded by the reading
	 * thread when the writing thread is the busier one; {@code null} for columns that are
	 * not strings, or when nothing was encoded (the writer then encodes them).
	 */
	byte[][][] utf8;

	/** Bytes read from the source up to the end of this batch. */
	long sourceBytes;

	/** Why the reading failed, for the last batch of a failed read. */
	RuntimeException failure;

	RowBatch(int capacity) {
		this.rows = new Object[capacity][];
	}

	/**
	 * The source offset after an entry.
	 * @param index the entry
	 * @return the offset, -1 when unknown (JDBC)
	 */
	long offset(int index) {
		return (this.offsets != null) ? this.offsets[index] : -1;
	}

	private void offset(long offset) {
		if (this.offsets == null) {
			if (offset < 0) {
				return;
			}
			this.offsets = new long[this.rows.length];
			java.util.Arrays.fill(this.offsets, 0, this.size, -1);
		}
		this.offsets[this.size] = offset;
	}

	boolean isFull() {
		return this.size == this.rows.length;
	}

	void addRow(Object[] row, long offset) {
		this.rows[this.size] = row;
		offset(offset);
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
		if (this.rejectReasons == null) {
			this.rejectReasons = new String[this.rows.length];
			this.rejectRecords = new String[this.rows.length];
		}
		this.rejectReasons[this.size] = reason;
		this.rejectRecords[this.size] = record;
		offset(offset);
		this.size++;
	}

	/**
	 * Gives the UTF-8 bytes of the next entry's string value in a column (a reader that
	 * has them already, as sent by the source).
	 * @param column the column
	 * @param columns number of columns
	 * @param bytes the value's UTF-8 bytes, not to be changed afterwards
	 */
	void utf8(int column, int columns, byte[] bytes) {
		if (this.utf8 == null) {
			this.utf8 = new byte[columns][][];
		}
		if (this.utf8[column] == null) {
			this.utf8[column] = new byte[this.rows.length][];
		}
		this.utf8[column][this.size] = bytes;
	}

	/**
	 * Encodes the values of string columns as UTF-8 (those the reader has not given).
	 * @param stringColumns indexes of the string columns
	 * @param columns number of columns
	 */
	void encodeStrings(int[] stringColumns, int columns) {
		if (stringColumns.length == 0 || this.size == 0) {
			return;
		}
		if (this.utf8 == null) {
			this.utf8 = new byte[columns][][];
		}
		for (int column : stringColumns) {
			if (this.utf8[column] != null) {
				continue;
			}
			byte[][] encoded = new byte[this.size][];
			for (int i = 0; i < this.size; i++) {
				Object[] row = this.rows[i];
				if (row != null && row[column] instanceof String text) {
					encoded[i] = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				}
			}
			this.utf8[column] = encoded;
		}
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
