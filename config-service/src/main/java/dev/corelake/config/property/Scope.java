package dev.corelake.config.property;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The current properties of a namespace and profile, in plaintext.
 *
 * @param key namespace and profile
 * @param revision revision of its last change, 0 when never written
 * @param properties properties by key
 * @author Corelake
 */
public record Scope(ScopeKey key, long revision, SortedMap<String, PropertyValue> properties) {

	/**
	 * Makes the properties unmodifiable.
	 * @param key namespace and profile
	 * @param revision revision
	 * @param properties properties
	 */
	public Scope {
		properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
	}

	static Scope empty(ScopeKey key) {
		return new Scope(key, 0, new TreeMap<>());
	}

}
