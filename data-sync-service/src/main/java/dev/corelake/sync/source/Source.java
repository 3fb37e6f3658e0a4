package dev.corelake.sync.source;

import java.time.Instant;

/**
 * A registered source.
 *
 * @param id database id
 * @param name unique name
 * @param owner the user who registered it
 * @param kind what it reads
 * @param description free text
 * @param settings where and how to read
 * @param createdAt registration time
 * @author Corelake
 */
public record Source(long id, String name, String owner, SourceKind kind, String description, SourceSettings settings,
		Instant createdAt) {

	/**
	 * What the source reads, for lineage and logs (never credentials): the file name or
	 * the URL without its query, or the database URL.
	 * @return the description of the origin
	 */
	public String origin() {
		if (this.settings.path() != null) {
			return this.settings.path();
		}
		String url = this.settings.url();
		int query = url.indexOf('?');
		return (query < 0) ? url : url.substring(0, query);
	}

}
