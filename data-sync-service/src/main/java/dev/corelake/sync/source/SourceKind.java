package dev.corelake.sync.source;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a source reads.
 *
 * @author Corelake
 */
public enum SourceKind {

	/** Tables of a database, through its JDBC driver (PostgreSQL, H2). */
	@JsonProperty("jdbc")
	JDBC,

	/** A CSV file or URL. */
	@JsonProperty("csv")
	CSV,

	/** A JSON Lines file or URL (one JSON object per line). */
	@JsonProperty("jsonl")
	JSONL;

	/**
	 * The kind as the API and the catalog's lineage name it.
	 * @return {@code jdbc}, {@code csv} or {@code jsonl}
	 */
	public String apiName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
