package dev.corelake.sync.source;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings of a source, as stored; which members apply depends on its kind. Never
 * holds a secret: the password is a reference resolved when a run connects.
 *
 * @param url a {@code jdbc:} URL (JDBC), or an http(s) URL (CSV, JSON Lines)
 * @param user the database user (JDBC)
 * @param passwordSecret name of the secret holding the database password (JDBC)
 * @param path a file inside the allowed directories (CSV, JSON Lines)
 * @param delimiter field delimiter (CSV, default {@code ,})
 * @param quote quote character (CSV, default {@code "})
 * @param header whether the first record names the columns (CSV, default {@code true})
 * @param columns declared columns (CSV, JSON Lines); without them every column is a
 * string named by the header (CSV) or the members of the first object (JSON Lines)
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceSettings(String url, String user, String passwordSecret, String path, String delimiter,
		String quote, Boolean header, List<ColumnSpec> columns) {

	/**
	 * The CSV delimiter.
	 * @return the delimiter
	 */
	public char delimiterChar() {
		return (this.delimiter != null) ? this.delimiter.charAt(0) : ',';
	}

	/**
	 * The CSV quote character.
	 * @return the quote
	 */
	public char quoteChar() {
		return (this.quote != null) ? this.quote.charAt(0) : '"';
	}

	/**
	 * Whether a CSV file starts with a header record.
	 * @return {@code true} unless declared otherwise
	 */
	public boolean hasHeader() {
		return this.header == null || this.header;
	}

	/**
	 * Whether the source reads an http(s) URL rather than a file.
	 * @return {@code true} for a URL
	 */
	public boolean readsUrl() {
		return this.path == null && this.url != null;
	}

}
