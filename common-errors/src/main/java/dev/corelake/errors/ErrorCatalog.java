package dev.corelake.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Every error code in the build, gathered from the {@link ErrorCodeProvider}s on the
 * class path. Loading fails when two codes collide or a code is not UPPER_SNAKE_CASE, so
 * a collision cannot reach a running service unnoticed.
 *
 * @author Corelake
 */
public final class ErrorCatalog {

	private static final Pattern CODE_PATTERN = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

	private final Map<String, Entry> entries;

	private ErrorCatalog(Map<String, Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Loads the catalog from the providers visible to the given class loader.
	 * @param classLoader where to look for providers
	 * @return the catalog
	 * @throws IllegalStateException when two codes collide or a code is malformed
	 */
	public static ErrorCatalog load(ClassLoader classLoader) {
		List<ErrorCodeProvider> providers = new ArrayList<>();
		ServiceLoader.load(ErrorCodeProvider.class, classLoader).forEach(providers::add);
		return of(providers);
	}

	/**
	 * Builds a catalog from explicit providers.
	 * @param providers the providers
	 * @return the catalog
	 * @throws IllegalStateException when two codes collide or a code is malformed
	 */
	public static ErrorCatalog of(List<? extends ErrorCodeProvider> providers) {
		Map<String, Entry> entries = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		providers.stream().sorted(Comparator.comparing(ErrorCodeProvider::owner)).forEach((provider) -> {
			for (ErrorCode code : provider.errorCodes()) {
				if (!CODE_PATTERN.matcher(code.code()).matches()) {
					problems.add(code.code() + " (" + provider.owner() + ") is not UPPER_SNAKE_CASE");
				}
				Entry previous = entries.putIfAbsent(code.code(), new Entry(provider.owner(), code));
				if (previous != null) {
					problems.add(code.code() + " is defined by both " + previous.owner() + " and " + provider.owner());
				}
			}
		});
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Error catalog is inconsistent: " + String.join("; ", problems));
		}
		return new ErrorCatalog(entries);
	}

	/**
	 * All entries, grouped by owner in the order they were loaded.
	 * @return the entries
	 */
	public List<Entry> entries() {
		return List.copyOf(this.entries.values());
	}

	/**
	 * Looks a code up.
	 * @param code the code
	 * @return the entry, if catalogued
	 */
	public Optional<Entry> find(String code) {
		return Optional.ofNullable(this.entries.get(code));
	}

	/**
	 * Renders the catalog as the Markdown page {@code docs/errors.md}.
	 * @return the Markdown text
	 */
	public String toMarkdown() {
		StringBuilder out = new StringBuilder();
		out.append("# Error catalog\n\n");
		out.append("<!-- Generated from the ErrorCode enums by ErrorCatalogTests; do not edit by hand. -->\n\n");
		out.append("Every Corelake error is an RFC 9457 `application/problem+json` body. Its `code` is one of the ")
			.append("codes below and never changes meaning; its `type` links to the code's entry on this page. ")
			.append("See [the error contract](error-contract.md) for the members of the body.\n");
		String owner = null;
		for (Entry entry : this.entries.values()) {
			if (!entry.owner().equals(owner)) {
				owner = entry.owner();
				out.append("\n## ").append(owner).append("\n\n");
				out.append("| Code | Status | Title | Retryable | Meaning |\n");
				out.append("|---|---|---|---|---|\n");
			}
			ErrorCode code = entry.code();
			out.append("| <a id=\"")
				.append(code.type().getFragment())
				.append("\"></a>`")
				.append(code.code())
				.append("` | ")
				.append(code.status().value())
				.append(' ')
				.append(code.status().getReasonPhrase())
				.append(" | ")
				.append(code.title())
				.append(" | ")
				.append(code.retryable() ? "yes" : "no")
				.append(" | ")
				.append(code.meaning().replace("|", "\\|"))
				.append(" |\n");
		}
		return out.toString();
	}

	/**
	 * A catalogued code and the module that owns it.
	 *
	 * @param owner the owning module
	 * @param code the code
	 */
	public record Entry(String owner, ErrorCode code) {
	}

}
