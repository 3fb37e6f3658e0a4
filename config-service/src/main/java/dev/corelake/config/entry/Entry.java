package dev.corelake.config.entry;

import java.time.Instant;

/**
 * One global-state entry.
 *
 * @param key key
 * @param value value
 * @param revision revision of its last change (from the store-wide counter)
 * @param updatedBy who changed it last
 * @param updatedAt when
 * @author Corelake
 */
record Entry(String key, String value, long revision, String updatedBy, Instant updatedAt) {
}
