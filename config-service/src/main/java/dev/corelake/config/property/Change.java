package dev.corelake.config.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One key's change between two states.
 *
 * @param key the key
 * @param action what happened to it
 * @param oldValue value before ({@code null} when added)
 * @param newValue value after ({@code null} when removed)
 * @param secret whether either value is secret
 * @author Corelake
 */
record Change(String key, Action action, String oldValue, String newValue, boolean secret) {

	/**
	 * The changes that turn one state into another, by key.
	 * @param before the earlier state
	 * @param after the later state
	 * @return the changes, empty when the states are equal
	 */
	static List<Change> between(Map<String, PropertyValue> before, Map<String, PropertyValue> after) {
		TreeSet<String> keys = new TreeSet<>(before.keySet());
		keys.addAll(after.keySet());
		List<Change> changes = new ArrayList<>();
		for (String key : keys) {
			PropertyValue old = before.get(key);
			PropertyValue now = after.get(key);
			if (Objects.equals(old, now)) {
				continue;
			}
			boolean secret = (old != null && old.secret()) || (now != null && now.secret());
			Action action = (old == null) ? Action.ADDED : (now == null) ? Action.REMOVED : Action.CHANGED;
			changes.add(new Change(key, action, (old != null) ? old.value() : null, (now != null) ? now.value() : null,
					secret));
		}
		return changes;
	}

	/** What happened to a key. */
	enum Action {

		/** It did not exist before. */
		ADDED,

		/** Its value or secrecy changed. */
		CHANGED,

		/** It no longer exists. */
		REMOVED

	}

}
