package dev.corelake.platform.web;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * ETags and {@code If-Match} checks for optimistic concurrency: a resource's ETag is its
 * revision number in quotes, and an update must name the revision it was based on.
 *
 * @author Corelake
 */
public final class Preconditions {

	private Preconditions() {
	}

	/**
	 * The strong ETag of a revision.
	 * @param revision the revision
	 * @return the ETag, quoted
	 */
	public static String etag(long revision) {
		return "\"" + revision + "\"";
	}

	/**
	 * Checks an {@code If-Match} header that must be present.
	 * @param ifMatch the header value, may be {@code null}
	 * @param currentRevision the current revision
	 * @throws CorelakeException 428 when absent, 412 when stale, 400 when malformed
	 */
	public static void requireMatch(String ifMatch, long currentRevision) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_REQUIRED,
					"This update needs an If-Match header with the ETag of the revision it changes.");
		}
		checkMatch(ifMatch, currentRevision);
	}

	/**
	 * Checks an optional {@code If-Match} header.
	 * @param ifMatch the header value, may be {@code null}
	 * @param currentRevision the current revision
	 */
	public static void checkMatch(String ifMatch, long currentRevision) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return;
		}
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.trim();
			boolean weak = tag.startsWith("W/");
			if (weak) {
				tag = tag.substring(2);
			}
			if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
				throw new CorelakeException(CommonErrorCode.INVALID_PARAMETER,
						"If-Match must hold quoted ETags such as \"3\".");
			}
			// If-Match uses the strong comparison (RFC 9110 13.1.1): a weak tag never
			// matches
			if (!weak && tag.equals(etag(currentRevision))) {
				return;
			}
		}
		throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
				"The resource has changed: its current ETag is " + etag(currentRevision) + ".")
			.with("currentEtag", etag(currentRevision));
	}

}
