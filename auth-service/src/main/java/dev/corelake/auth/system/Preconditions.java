package dev.corelake.auth.system;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * ETags and optional {@code If-Match} checks: a resource's ETag is its revision number in
 * quotes; an update that names a stale one is refused with 412.
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
	 * Checks an optional {@code If-Match} header.
	 * @param ifMatch the header value, may be {@code null}
	 * @param currentRevision the current revision
	 * @throws CorelakeException 412 when stale, 400 when malformed
	 */
	public static void checkMatch(String ifMatch, long currentRevision) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return;
		}
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
				throw new CorelakeException(CommonErrorCode.INVALID_PARAMETER,
						"If-Match must hold quoted ETags such as \"3\".");
			}
			if (tag.equals(etag(currentRevision))) {
				return;
			}
		}
		throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
				"The resource has changed: its current ETag is " + etag(currentRevision) + ".")
			.with("currentEtag", etag(currentRevision));
	}

}
