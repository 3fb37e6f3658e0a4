package dev.corelake.catalog.version;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The external origin of synced data.
 *
 * @param kind {@code jdbc}, {@code csv}, {@code jsonl} or {@code url}
 * @param name the source's name in data-sync-service
 * @param detail what was read: a table or file name; never credentials, so user info in
 * URLs ({@code user:pw@}) and {@code password=}-like parameters are refused
 * @author Corelake
 */
public record VersionSource(
		@NotNull @Pattern(regexp = "jdbc|csv|jsonl|url", message = "must be jdbc, csv, jsonl or url") String kind,
		@NotNull @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*") String name,
		@Size(max = 1024) @Pattern(regexp = DETAIL, message = DETAIL_MESSAGE) String detail) {

	static final String DETAIL = "(?i)(?!.*://[^/\\s]*@)(?!.*(password|passwd|pwd|secret|token|api[_-]?key)\\s*[=:])[^\\p{Cntrl}]*";

	static final String DETAIL_MESSAGE = "must not contain control characters or credentials (user:password@, password=, token=)";

}
