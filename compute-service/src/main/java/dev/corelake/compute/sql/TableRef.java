package dev.corelake.compute.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table named in a query: a catalog dataset, its latest version or a fixed one
 * ({@code `sales@3`}, backquoted because of the {@code @}).
 *
 * @param identifier the name as Spark sees it (what the job's temporary view is called)
 * @param dataset the catalog dataset
 * @param version the version, or {@code null} for the latest
 * @author Corelake
 */
public record TableRef(String identifier, String dataset, Integer version) {

	private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9_-]{0,62})(?:@([1-9][0-9]{0,8}))?");

	/**
	 * Reads a table name.
	 * @param identifier the name as written (one part)
	 * @return the reference
	 * @throws IllegalArgumentException when it does not name a dataset
	 */
	public static TableRef parse(String identifier) {
		Matcher matcher = NAME.matcher(identifier.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + identifier
					+ "' is not a dataset name ([a-z][a-z0-9_-]{0,62}, optionally @<version>, backquoted then)");
		}
		Integer version = (matcher.group(2) != null) ? Integer.valueOf(matcher.group(2)) : null;
		return new TableRef(identifier.toLowerCase(Locale.ROOT), matcher.group(1), version);
	}

}
