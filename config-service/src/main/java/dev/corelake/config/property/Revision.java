package dev.corelake.config.property;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * One change of a namespace and profile, in plaintext.
 *
 * @param revision its number (from the store-wide counter)
 * @param key namespace and profile
 * @param author who made it (token subject)
 * @param createdAt when
 * @param message why
 * @param snapshot the complete state after it
 * @param changes what it changed
 * @author Corelake
 */
record Revision(long revision, ScopeKey key, String author, Instant createdAt, String message,
		SortedMap<String, PropertyValue> snapshot, List<Change> changes) {
}
