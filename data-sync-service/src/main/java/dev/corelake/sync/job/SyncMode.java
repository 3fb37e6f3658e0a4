package dev.corelake.sync.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much of the source a run reads.
 *
 * @author Corelake
 */
public enum SyncMode {

	/** Everything, every time: each run writes a complete new version. */
	@JsonProperty("full")
	FULL,

	/**
	 * The rows whose cursor column is above the job's high-water mark: each run writes a
	 * version with the new and changed rows, and the mark moves to the highest cursor
	 * value committed.
	 */
	@JsonProperty("incremental")
	INCREMENTAL

}
