package dev.corelake.sync.run;

/**
 * How far a run has come.
 *
 * @param rowsRead records read from the source (written and rejected)
 * @param rowsWritten rows written to Parquet
 * @param rowsRejected records rejected
 * @param bytesRead bytes read from the source (for JDBC sources: the size of the values)
 * @param bytesWritten bytes of Parquet written
 * @param totalRows rows the source holds for this run, when known
 * @param totalBytes bytes the source holds, when known
 * @author Corelake
 */
public record RunProgress(long rowsRead, long rowsWritten, long rowsRejected, long bytesRead, long bytesWritten,
		Long totalRows, Long totalBytes) {

	/** Nothing read yet. */
	public static final RunProgress NONE = new RunProgress(0, 0, 0, 0, 0, null, null);

	/**
	 * How far along the run is, when the total is known.
	 * @return percent (0-100), or {@code null}
	 */
	public Double percent() {
		if (this.totalRows != null && this.totalRows > 0) {
			return Math.min(100.0, Math.floor(1000.0 * this.rowsRead / this.totalRows) / 10.0);
		}
		if (this.totalBytes != null && this.totalBytes > 0) {
			return Math.min(100.0, Math.floor(1000.0 * this.bytesRead / this.totalBytes) / 10.0);
		}
		if ((this.totalRows != null && this.totalRows == 0) || (this.totalBytes != null && this.totalBytes == 0)) {
			return 100.0;
		}
		return null;
	}

	/**
	 * The same counts with the totals replaced.
	 * @param rows total rows, or {@code null}
	 * @param bytes total bytes, or {@code null}
	 * @return the progress
	 */
	public RunProgress withTotals(Long rows, Long bytes) {
		return new RunProgress(this.rowsRead, this.rowsWritten, this.rowsRejected, this.bytesRead, this.bytesWritten,
				rows, bytes);
	}

}
